/**
 * Sweeps run on Apache Spark: each cell of a {@link org.initlab.lab.sweep.Sweep} is a Spark task,
 * and the results come back as rows identical to a local run's (a cell's result depends only on
 * the cell and its seed). Optional: not in the command line's jar; Spark itself is provided by
 * {@code spark-submit}.
 */
package org.initlab.spark;
