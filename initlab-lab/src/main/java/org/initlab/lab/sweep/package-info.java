/**
 * Sweeps: a grid of small training runs (σ_w², σ_b², depth, width, activation, learning rate or
 * initializer, times seeds), run on every core, resumable, and reported as heat maps. The flagship
 * is Schoenholz et al. (2017)'s trainability phase diagram with the mean-field depth scale
 * {@code 6ξ_c} drawn over it. A {@link org.initlab.lab.sweep.Sweep} is the configuration (one
 * binder: {@link org.initlab.lab.sweep.Sweep#parse}), {@link org.initlab.lab.sweep.CellTraining}
 * measures one cell, {@link org.initlab.lab.sweep.SweepRun} runs the grid, and
 * {@link org.initlab.lab.sweep.SweepReport} renders it.
 */
package org.initlab.lab.sweep;
