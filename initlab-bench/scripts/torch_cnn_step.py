"""Training-step timing of the convolutional networks of ConvStepBenchmark in PyTorch (Debian's
python3-torch), for the side-by-side with InitLab's JMH figures.

Usage: /usr/bin/python3 torch_cnn_step.py THREADS [--quick]
Per network (cnn, deep_cnn): batch 64 of [1, 28, 28] synthetic images out of a fixed set of 8
batches, one step = zero_grad, forward, CrossEntropyLoss, backward, Adam(lr=1e-3) step. After a
warm-up of 20 steps, RUNS runs of STEPS steps each are timed with time.perf_counter; prints one
JSON line per network: {"model", "threads", "batch", "conv_gemm_flop" (ConvStepBenchmark's count
of the convolutions' product FLOPs per step, computed here from the PyTorch modules), "ms_per_step" (median of the runs),
"min_ms_per_step", "cpu_ms_per_step" (median of the runs' process CPU time per step, all
threads: the figure to trust on a loaded machine with THREADS=1), "runs", "steps_per_run"}.
"""
import json
import statistics
import sys
import time

import torch
from torch import nn

BATCH = 64
BATCHES = 8


def cnn():
    """cnn(1,28,28,10) of InitLab's model language."""
    return nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(16 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, 10))


def deep_cnn():
    """ConvStepBenchmark.deepCnn(): four conv3x3(pad 1)+BatchNorm+ReLU, two max pools, global average pool."""
    layers = []
    for i, (cin, cout) in enumerate([(1, 32), (32, 32), (32, 64), (64, 64)]):
        layers += [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU()]
        if i % 2 == 1:
            layers.append(nn.MaxPool2d(2))
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10)]
    return nn.Sequential(*layers)


def conv_gemm_flop(net):
    """2*M*N*K for the forward, weight-gradient and input-gradient product of every Conv2d on one
    batch (M = C_out/g, N = batch*H_out*W_out, K = C_in/g*kH*kW, times g): ConvStepBenchmark's count."""
    total = [0]

    def hook(module, inputs, output):
        g = module.groups
        m = module.out_channels // g
        n = output.shape[0] * output.shape[2] * output.shape[3]
        k = module.in_channels // g * module.kernel_size[0] * module.kernel_size[1]
        total[0] += 3 * g * 2 * m * n * k

    handles = [mod.register_forward_hook(hook) for mod in net.modules() if isinstance(mod, nn.Conv2d)]
    with torch.no_grad():
        net(torch.zeros(BATCH, 1, 28, 28))
    for h in handles:
        h.remove()
    return total[0]


def time_steps(net, steps, runs):
    gen = torch.Generator().manual_seed(0)
    xs = [torch.rand(BATCH, 1, 28, 28, generator=gen) for _ in range(BATCHES)]
    ys = [torch.randint(0, 10, (BATCH,), generator=gen) for _ in range(BATCHES)]
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    net.train()

    def step(i):
        opt.zero_grad()
        loss = loss_fn(net(xs[i % BATCHES]), ys[i % BATCHES])
        loss.backward()
        opt.step()

    for i in range(20):
        step(i)
    per_step, cpu_per_step = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        for i in range(steps):
            step(i)
        per_step.append((time.perf_counter() - start) / steps * 1000)
        cpu_per_step.append((time.process_time() - cpu) / steps * 1000)
    return per_step, cpu_per_step


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    quick = "--quick" in sys.argv
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    for name, make, steps in (("cnn", cnn, 100), ("deep_cnn", deep_cnn, 20)):
        runs = 3 if quick else 7
        net = make()
        flop = conv_gemm_flop(net)
        ms, cpu = time_steps(net, steps // 2 if quick else steps, runs)
        print(json.dumps({"model": name, "threads": threads, "batch": BATCH, "conv_gemm_flop": flop,
                          "ms_per_step": statistics.median(ms),
                          "min_ms_per_step": min(ms), "cpu_ms_per_step": statistics.median(cpu), "runs": runs,
                          "steps_per_run": steps // 2 if quick else steps}), flush=True)


if __name__ == "__main__":
    main()
