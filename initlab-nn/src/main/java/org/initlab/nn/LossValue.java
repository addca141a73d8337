package org.initlab.nn;

/**
 * A loss evaluated on a batch: its value (a mean over the batch) and its gradient with respect
 * to the predictions.
 */
public record LossValue(double value, Tensor gradient) {}
