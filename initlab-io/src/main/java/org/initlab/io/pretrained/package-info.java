/**
 * Pretrained initialization: loading a state dict ({@link org.initlab.io.StateDict}, as read from
 * a safetensors or npz file) into a model's parameters by path, all or nothing.
 *
 * <p>{@link org.initlab.io.pretrained.Pretrained} is the entry point ({@code check}, {@code load},
 * and {@code initialize}, which loads what the file has and runs an
 * {@link org.initlab.nn.InitPlan} for the rest: pretrained body, fresh head).
 * {@link org.initlab.io.pretrained.LoadOptions} says how: strict or not, a
 * {@link org.initlab.io.pretrained.NameMapping} of regex rules from file keys to model paths, and
 * the file's kernel layout ({@link org.initlab.io.pretrained.LayoutTransform} rearranges Keras
 * kernels for the engine's PyTorch-layout parameters). A refused load throws one
 * {@link org.initlab.io.pretrained.PretrainedLoadException} listing every
 * {@link org.initlab.io.pretrained.LoadProblem}; a load that goes through returns a
 * {@link org.initlab.io.pretrained.LoadReport}. Reading the files is not done here.
 */
package org.initlab.io.pretrained;
