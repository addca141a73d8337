/**
 * NumPy files: {@code .npy} (one array; {@link org.initlab.io.npy.Npy}, with its header grammar in
 * {@code NpyHeader}) and {@code .npz} (a zip archive of {@code .npy} entries;
 * {@link org.initlab.io.npy.Npz}). Readers accept float16/32/64 and int32/64 in either byte order
 * and memory order and return little-endian C order; writers produce what {@code numpy.save} and
 * {@code numpy.savez} would.
 */
package org.initlab.io.npy;
