/**
 * The model language: one record per layer kind of the engine ({@link org.initlab.nn.model.LayerSpec}),
 * {@code seq(...)} and {@code residual(...)} to nest them, and the six short family names
 * ({@link org.initlab.nn.model.Family}: {@code mlp}, {@code resmlp}, {@code cnn}, {@code rnn},
 * {@code lstm}, {@code gru}) that expand to it. {@link org.initlab.nn.model.ModelLanguage} parses and
 * prints specs with the same binder as initializer specs; {@link org.initlab.nn.model.ModelBuilder}
 * infers the input sizes from {@code input=[...]}, names every parameter by its place in the
 * structure and builds the engine's {@link org.initlab.nn.Sequential}.
 */
package org.initlab.nn.model;
