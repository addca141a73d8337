/** NumPy {@code .npy} files (and, later, {@code .npz} archives of them). */
package org.initlab.io.npy;
