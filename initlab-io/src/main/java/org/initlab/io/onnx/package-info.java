/**
 * ONNX import: an ONNX model file ({@code torch.onnx.export}) read with protobuf-java through
 * classes generated at build time from {@code src/main/protobuf/onnx/onnx_subset.proto}, and its
 * graph turned into the engine's layers ({@link org.initlab.io.onnx.OnnxImport}). Parameter paths
 * are the file's initializer names (PyTorch's state-dict names); the file's weights are loaded.
 * A chain of supported operators with residual forks {@code y = x + f(x)} is imported; anything
 * else is refused with one line naming the operator or pattern and its node.
 */
package org.initlab.io.onnx;
