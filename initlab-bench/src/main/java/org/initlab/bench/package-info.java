/**
 * JMH benchmarks of InitLab. Run them with {@code initlab-bench/scripts/compare-torch.sh}, which
 * also times PyTorch on the same machine in the same session; the method and results are in
 * {@code BENCHMARKS.md}.
 */
package org.initlab.bench;
