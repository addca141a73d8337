package org.initlab.lab.plan;

/** Which stack of a transformer a model is, for recipes whose constants differ between the two. */
public enum Stack {
    /** The encoder (or an encoder-only model, such as BERT). */
    ENCODER,
    /** The decoder (or a decoder-only model, such as GPT). */
    DECODER
}
