"""Times PyTorch's in-place initializers on this machine, for the side-by-side with InitLab.

Prints one JSON line per measurement: {"op", "size", "threads", "seconds"} where seconds is the
median of the timed repetitions of one in-place fill (after warm-up). Run with Debian's
python3-torch: /usr/bin/python3 torch_fill.py [--quick]
"""
import json
import statistics
import sys
import time

import torch

QUICK = "--quick" in sys.argv


def timed(fn, reps):
    fn()  # warm-up
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    sizes = [4096] if QUICK else [4096, 16384]
    fills = {
        "uniform": lambda t: torch.nn.init.uniform_(t, -1.0, 1.0),
        "he_normal": lambda t: torch.nn.init.kaiming_normal_(t, nonlinearity="relu"),
        "glorot_uniform": lambda t: torch.nn.init.xavier_uniform_(t),
        # The same law as InitLab's truncated_normal(std=0.02): bounds at +-2 std.
        "truncated_normal": lambda t: torch.nn.init.trunc_normal_(t, std=0.02, a=-0.04, b=0.04),
    }
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for size in sizes:
            t = torch.empty(size, size, dtype=torch.float32)
            reps = 5 if size <= 4096 else 3
            for name, fn in fills.items():
                s = timed(lambda: fn(t), reps)
                print(json.dumps({"op": name, "size": size, "threads": threads, "seconds": s}), flush=True)
            del t
        for size in ([4096] if QUICK else [1024, 4096]):
            t = torch.empty(size, size, dtype=torch.float32)
            s = timed(lambda: torch.nn.init.orthogonal_(t), 3 if size <= 1024 else 2)
            print(json.dumps({"op": "orthogonal", "size": size, "threads": threads, "seconds": s}), flush=True)
    print(json.dumps({"torch_version": torch.__version__, "config": torch.__config__.parallel_info().splitlines()[:6]}))


if __name__ == "__main__":
    main()
