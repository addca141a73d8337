/**
 * The signal-propagation probe: per-layer statistics of activations and gradients at
 * initialization and during training ({@link org.initlab.lab.probe.Probe}, an engine observer),
 * and the verdicts drawn from them with documented thresholds ({@link org.initlab.lab.probe.Verdicts}).
 */
package org.initlab.lab.probe;
