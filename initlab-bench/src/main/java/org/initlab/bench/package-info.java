/**
 * JMH benchmarks of InitLab: elementwise fills ({@link org.initlab.bench.FillBenchmark}) and the
 * Philox words under them ({@link org.initlab.bench.WordsBenchmark}),
 * orthogonal matrices ({@link org.initlab.bench.OrthogonalBenchmark}) and one training epoch of an
 * MLP on Fashion-MNIST ({@link org.initlab.bench.EpochBenchmark}). Run them with
 * {@code initlab-bench/scripts/compare-torch.sh}, which also times PyTorch on the same machine in
 * the same session; the method and results are in {@code BENCHMARKS.md}.
 */
package org.initlab.bench;
