"""Joins the epoch benchmark's JMH results (JSON) and torch_mlp_epoch.py output into the
BENCHMARKS.md epoch table.

Usage: python3 compare_epoch.py THREADS jmh-epoch.json jmh-epoch-java.json torch-epoch.jsonl
A missing or empty file leaves its row out.
"""
import json
import os
import statistics
import sys


def jmh_epochs(path):
    """Seconds of each measured epoch (JMH single-shot iterations, in ms) per blas parameter."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return {}
    out = {}
    for b in json.load(open(path)):
        if not b["benchmark"].endswith("EpochBenchmark.epoch"):
            continue
        raw = [v / 1000.0 for fork in b["primaryMetric"]["rawData"] for v in fork]
        out[b["params"]["blas"]] = (raw, b["params"].get("limit"))
    return out


def torch_epochs(path):
    if not os.path.exists(path):
        return []
    return [json.loads(line)["seconds"] for line in open(path) if line.startswith("{")]


def main():
    threads = sys.argv[1]
    ours = jmh_epochs(sys.argv[2])
    ours.update(jmh_epochs(sys.argv[3]))
    theirs = torch_epochs(sys.argv[4])
    print("| side | BLAS | threads | epochs timed | median s | min s |")
    print("|---|---|---|---|---|---|")
    labels = {"native": ("InitLab", "native (netlib JNI)", threads), "java": ("InitLab", "netlib pure Java", "1")}
    for blas in ("native", "java"):
        if blas in ours:
            raw, limit = ours[blas]
            side, name, t = labels[blas]
            note = "" if str(limit) == "60000" else f" (limit={limit})"
            print(f"| {side}{note} | {name} | {t} | {len(raw)} | {statistics.median(raw):.2f} | {min(raw):.2f} |")
    if theirs:
        print(f"| PyTorch | its own | {threads} | {len(theirs)} | {statistics.median(theirs):.2f} | {min(theirs):.2f} |")
    full = all(str(limit) == "60000" for _, limit in ours.values())
    if not full:
        print("\nNo ratios: InitLab timed fewer than the 60000 training images (limit), PyTorch all of them.")
        return
    if "native" in ours and theirs:
        ratio = statistics.median(ours["native"][0]) / statistics.median(theirs)
        print(f"\nInitLab native / PyTorch, medians: {ratio:.2f}x (goal: at most 1.5x)")
    if "java" in ours and "native" in ours:
        ratio = statistics.median(ours["java"][0]) / statistics.median(ours["native"][0])
        print(f"Java-fallback / native, medians: {ratio:.1f}x")


if __name__ == "__main__":
    main()
