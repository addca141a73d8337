/**
 * Files: the array and state-dict types every format shares ({@link org.initlab.io.NdArray},
 * {@link org.initlab.io.StateDict}), the one entry point that reads and writes a state dict by
 * file extension ({@link org.initlab.io.StateDictFiles}), the one exception for malformed input
 * ({@link org.initlab.io.FormatException}: file, byte offset, reason), atomic writing (byte buffers
 * reach the file without a copy: {@link org.initlab.io.ChannelOutput}), and in
 * sub-packages the dataset readers and generators ({@code data}), NumPy {@code .npy}/{@code .npz}
 * ({@code npy}), safetensors ({@code safetensors}) and loading pretrained weights into a model
 * ({@code pretrained}). Depends on the engine, never the reverse.
 */
package org.initlab.io;
