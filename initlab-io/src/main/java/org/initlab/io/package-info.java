/**
 * Files: the array and state-dict types every format shares ({@link org.initlab.io.NdArray},
 * {@link org.initlab.io.StateDict}), atomic writing, and in sub-packages the dataset readers and
 * generators ({@code data}), NumPy ({@code npy}), safetensors ({@code safetensors}) and loading
 * pretrained weights into a model ({@code pretrained}). Depends on the engine, never the reverse.
 */
package org.initlab.io;
