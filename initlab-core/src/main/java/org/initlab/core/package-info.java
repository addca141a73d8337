/**
 * InitLab core: tensor shapes and fans, counter-based random streams, sampling
 * distributions, every initializer with its spec-string registry, and activation gains.
 * Knows nothing of networks.
 */
package org.initlab.core;
