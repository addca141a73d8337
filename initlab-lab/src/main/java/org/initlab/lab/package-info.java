/**
 * The laboratory: signal-propagation probes built on the engine's observers, mean-field theory,
 * data-driven and residual-aware initialization, the advisor, experiments and reports. Depends on
 * the engine and the data module; the command line depends on it.
 */
package org.initlab.lab;
