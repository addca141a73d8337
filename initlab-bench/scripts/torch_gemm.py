"""torch.mm of square float32 matrices: the PyTorch side of GemmBenchmark.

Usage: /usr/bin/python3 torch_gemm.py THREADS [SIZES...]
Prints one JSON line per size: {"size", "threads", "seconds" (median of the timed calls), "gflops"}.
"""
import json
import statistics
import sys
import time

import torch


def main():
    threads = int(sys.argv[1])
    sizes = [int(s) for s in sys.argv[2:]] or [256, 512, 1024, 2048]
    torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(0)
    for n in sizes:
        a = torch.rand(n, n, generator=g) * 2 - 1
        b = torch.rand(n, n, generator=g) * 2 - 1
        c = torch.empty(n, n)
        for _ in range(3):
            torch.mm(a, b, out=c)
        calls = max(3, int(2e10 / (2 * n ** 3)))
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            for _ in range(calls):
                torch.mm(a, b, out=c)
            times.append((time.perf_counter() - t0) / calls)
        s = statistics.median(times)
        print(json.dumps({"size": n, "threads": threads, "seconds": s, "gflops": 2 * n ** 3 / s / 1e9}), flush=True)


if __name__ == "__main__":
    main()
