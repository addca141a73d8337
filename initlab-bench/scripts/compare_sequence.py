"""Joins SequenceStepBenchmark's JMH results (JSON) and torch_recurrent_step.py's output into the
BENCHMARKS.md table of sequence-layer training steps.

Usage: python3 compare_sequence.py jmh-sequence.json torch-sequence.jsonl [torch-sequence-after.jsonl]
Ratio = PyTorch ms / InitLab ms (above 1: InitLab is faster). GFLOP/s = the step's product FLOPs
(torch_recurrent_step.flops) / time. With a second PyTorch file (the script run again after JMH, the
other order) the PyTorch time is the median of all their runs.
"""
import json
import os
import statistics
import sys


def jmh(path):
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return {}
    out = {}
    for b in json.load(open(path)):
        if b["benchmark"].endswith("SequenceStepBenchmark.step"):
            out[b["params"]["workload"]] = b["primaryMetric"]["score"]
    return out


def torch_runs(paths):
    runs, flops = {}, {}
    for path in paths:
        if not os.path.exists(path):
            continue
        for line in open(path):
            if line.startswith("{"):
                r = json.loads(line)
                runs.setdefault(r["workload"], []).extend(r["runs_ms"])
                flops[r["workload"]] = r["flops"]
    return runs, flops


def gflops(flops, ms):
    return f"{flops / (ms * 1e6):.2f}" if flops and ms else "n/a"


def main():
    ours = jmh(sys.argv[1])
    runs, flops = torch_runs(sys.argv[2:])
    print("| workload (batch 32) | InitLab ms/step | PyTorch ms/step | ratio (PyTorch/InitLab) "
          "| InitLab GFLOP/s | PyTorch GFLOP/s |")
    print("|---|---|---|---|---|---|")
    for w in list(dict.fromkeys(list(ours) + list(runs))):
        a = ours.get(w)
        t = statistics.median(runs[w]) if w in runs else None
        ratio = f"{t / a:.2f}" if a and t else "n/a"
        f = flops.get(w, 0)
        print(f"| {w} | {a:.3f} | " if a else f"| {w} | n/a | ", end="")
        print(f"{t:.3f} | " if t else "n/a | ", end="")
        print(f"{ratio} | {gflops(f, a)} | {gflops(f, t)} |")


if __name__ == "__main__":
    main()
