"""Table of sgemm GFLOP/s: InitLab's BLAS (JMH GemmBenchmark, native and Java) against torch.mm.

Usage: compare_gemm.py THREADS JMH_JSON TORCH_JSONL
"""
import json
import sys


def main():
    threads, jmh_file, torch_file = sys.argv[1], sys.argv[2], sys.argv[3]
    initlab = {}
    for r in json.load(open(jmh_file)):
        p = r["params"]
        us = r["primaryMetric"]["score"]
        n = int(p["size"])
        initlab[(n, p["blas"])] = 2 * n ** 3 / (us * 1e-6) / 1e9
    torch = {}
    try:
        for line in open(torch_file):
            if line.strip():
                d = json.loads(line)
                torch[d["size"]] = d["gflops"]
    except FileNotFoundError:
        pass
    print(f"sgemm, square matrices, {threads} thread(s) for native BLAS and PyTorch (netlib Java: 1)\n")
    print("| size | InitLab native GFLOP/s | InitLab Java GFLOP/s | torch.mm GFLOP/s | native / torch |")
    print("|---|---|---|---|---|")
    for n in sorted({k[0] for k in initlab} | set(torch)):
        nat = initlab.get((n, "native"))
        jav = initlab.get((n, "java"))
        t = torch.get(n)
        f = lambda x: f"{x:,.1f}" if x is not None else "-"
        ratio = f"{nat / t:.2f}x" if nat and t else "-"
        print(f"| {n} | {f(nat)} | {f(jav)} | {f(t)} | {ratio} |")


if __name__ == "__main__":
    main()
