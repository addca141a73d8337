/**
 * Hugging Face safetensors files ({@link org.initlab.io.safetensors.Safetensors}): reading with
 * every promise of the format checked (header length, strict JSON, dtypes, offsets that tile the
 * data buffer), writing byte for byte as the reference serializer lays files out. The strict JSON
 * parser of the header is private to this package.
 */
package org.initlab.io.safetensors;
