"""Joins JMH results (JSON) and torch_fill.py output into the BENCHMARKS.md table.

Usage: python3 compare.py jmh.json torch.jsonl
"""
import json
import sys

JMH_NAMES = {
    "uniform(low=-1, high=1)": "uniform",
    "he_normal": "he_normal",
    "glorot_uniform": "glorot_uniform",
    "truncated_normal(std=0.02)": "truncated_normal",
}


def main():
    jmh = json.load(open(sys.argv[1]))
    torch_rows = [json.loads(line) for line in open(sys.argv[2]) if line.startswith('{"op"')]
    torch_s = {(r["op"], r["size"], r["threads"]): r["seconds"] for r in torch_rows}
    ours = {}
    for b in jmh:
        p = b.get("params", {})
        size = int(p["size"])
        threads = int(p.get("threads", 1))
        op = JMH_NAMES.get(p.get("spec"), "orthogonal")
        ms = b["primaryMetric"]["score"]
        ours[(op, size, threads)] = ms / 1000.0
    print("| initializer | size | threads | InitLab M samples/s | PyTorch M samples/s | ratio |")
    print("|---|---|---|---|---|---|")
    for key in sorted(ours, key=lambda k: (k[0], k[1], k[2])):
        op, size, threads = key
        n = size * size
        mine = ours[key]
        theirs = torch_s.get(key)
        if theirs is None:
            continue
        print(f"| {op} | {size}x{size} | {threads} | {n / mine / 1e6:,.0f} | {n / theirs / 1e6:,.0f} | "
              f"{theirs / mine:.2f}x |")
    for key in sorted(ours):
        op, size, threads = key
        if op == "orthogonal":
            theirs = [torch_s.get((op, size, t)) for t in (1, 2)]
            if None in theirs:
                continue
            print(f"\northogonal {size}x{size}: InitLab {ours[key]:.3f} s (LAPACK threads as the library chooses); "
                  f"PyTorch {theirs[0]:.3f} s with 1 thread, {theirs[1]:.3f} s with 2")


if __name__ == "__main__":
    main()
