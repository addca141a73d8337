/**
 * Datasets: IDX files (MNIST, Fashion-MNIST) and seeded synthetic generators, returned as the
 * engine's {@link org.initlab.nn.Dataset}.
 */
package org.initlab.io.data;
