"""Joins ConvStepBenchmark's JMH results (JSON) and torch_cnn_step.py output (JSON lines, one or
more runs per network) into the BENCHMARKS.md table of convolutional training steps.

Usage: python3 compare_cnn.py THREADS jmh-cnn.json torch-cnn.jsonl
ratio = PyTorch ms per step / InitLab ms per step (above 1: InitLab faster), both medians.
GFLOP/s = the conv products' FLOP count per step (conv_gemm_flop, from torch_cnn_step.py: 2*M*N*K
for the forward, weight-gradient and input-gradient product of every convolution, as
ConvStepBenchmark.convGemmFlop counts it and prints at setup) / the whole step's time: a lower bound on the products' own rate, to set against the
machine's sgemm peak.
"""
import json
import os
import statistics
import sys


def jmh(path):
    """Milliseconds per step (median of the measured iterations' averages) per model."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return {}
    out = {}
    for b in json.load(open(path)):
        if b["benchmark"].endswith("ConvStepBenchmark.step"):
            raw = [v for fork in b["primaryMetric"]["rawData"] for v in fork]
            out[b["params"]["model"]] = statistics.median(raw)
    return out


def torch(path):
    """(milliseconds per step: the median over the invocations' medians, conv_gemm_flop) per model."""
    out, flop = {}, {}
    if os.path.exists(path):
        for line in open(path):
            if line.startswith("{"):
                r = json.loads(line)
                out.setdefault(r["model"], []).append(r["ms_per_step"])
                flop[r["model"]] = r["conv_gemm_flop"]
    return {m: (statistics.median(v), flop[m]) for m, v in out.items()}


def main():
    threads = sys.argv[1]
    ours, theirs = jmh(sys.argv[2]), torch(sys.argv[3])
    print("| network | threads | InitLab ms/step | PyTorch ms/step | ratio (PyTorch / InitLab) |"
          " conv_gemm_flop per step | InitLab GFLOP/s | PyTorch GFLOP/s |")
    print("|---|---|---|---|---|---|---|---|")
    for model in ("cnn", "deep_cnn"):
        a = ours.get(model)
        b, flop = theirs.get(model, (None, None))
        if flop is None:
            print(f"| {model} | {threads} | {a if a else '-'} | - | - | - | - | - |")
            continue
        cell = lambda ms: f"{ms:.2f}" if ms else "-"
        rate = lambda ms: f"{flop / ms / 1e6:.1f}" if ms else "-"
        ratio = f"{b / a:.2f}" if a and b else "-"
        print(f"| {model} | {threads} | {cell(a)} | {cell(b)} | {ratio} | {flop:,} | {rate(a)} | {rate(b)} |")


if __name__ == "__main__":
    main()
