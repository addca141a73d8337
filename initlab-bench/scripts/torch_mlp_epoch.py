"""One-epoch timing of mlp(784,[256,128],10,act=relu) with Adam(lr=1e-3), batch 128, on
Fashion-MNIST, in PyTorch (Debian's python3-torch), for the side-by-side with `initlab train`.

Usage: /usr/bin/python3 torch_mlp_epoch.py DATA_DIR [threads]
Prints one JSON line per epoch: {"epoch", "seconds", "test_accuracy"} (seconds = training only).
"""
import gzip
import json
import sys
import time

import numpy as np
import torch


def idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def main():
    d = sys.argv[1]
    torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
    x = torch.tensor(idx(f"{d}/train-images-idx3-ubyte.gz", 16).reshape(-1, 784), dtype=torch.float32) / 255
    y = torch.tensor(idx(f"{d}/train-labels-idx1-ubyte.gz", 8), dtype=torch.long)
    xt = torch.tensor(idx(f"{d}/t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784), dtype=torch.float32) / 255
    yt = torch.tensor(idx(f"{d}/t10k-labels-idx1-ubyte.gz", 8), dtype=torch.long)
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                              torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(1, 4):
        order = torch.randperm(len(x))
        start = time.perf_counter()
        for b in range(0, len(x), 128):
            idxs = order[b:b + 128]
            opt.zero_grad()
            loss = loss_fn(net(x[idxs]), y[idxs])
            loss.backward()
            opt.step()
        seconds = time.perf_counter() - start
        with torch.no_grad():
            acc = (net(xt).argmax(1) == yt).float().mean().item()
        print(json.dumps({"epoch": epoch, "seconds": seconds, "test_accuracy": acc}), flush=True)


if __name__ == "__main__":
    main()
