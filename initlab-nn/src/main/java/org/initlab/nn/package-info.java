/**
 * The training engine: tensors, parameters, layers with their forward and backward side by side,
 * losses, optimizers, the {@link org.initlab.nn.InitPlan} that initializes a model from rules,
 * and observers. Knows nothing of files or reports.
 */
package org.initlab.nn;
