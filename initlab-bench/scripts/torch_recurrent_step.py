"""Training-step timing of the sequence layer families in PyTorch (Debian's python3-torch), the
workloads of InitLab's SequenceStepBenchmark, for the side-by-side in compare-torch.sh.

Usage: /usr/bin/python3 torch_recurrent_step.py [threads] [--quick] [WORKLOAD ...]
One step: zero_grad, forward, MSE against a fixed random target, backward, Adam(lr=1e-3); batch 32;
input and target made once. Workloads (as SequenceStepBenchmark names them):
  rnn|lstm|gru-hH-tT   the cell (input 2, hidden H, batch_first) over T steps, last step, Linear(H, 1)
  layernorm-dD-tT      LayerNorm(D) over [32, T, D]
  attention-dD-tT      MultiheadAttention(D, 1 head, bias=False), need_weights=False
  mha4-dD-tT           the same with 4 heads
  block-dD-tT          one pre-LN causal GPT block: x + attn(ln_1(x)) (4 heads), x + c_proj(gelu(c_fc(ln_2(x))))
Timing: 20 warm-up steps, then 7 runs of n steps (n such that a run takes about 0.3 s); the median run
gives ms per step. Prints one JSON line per workload: workload, ms (median), runs_ms, steps_per_run,
cpu_ms (median process CPU time per step over the runs, all threads: the figure that holds on a
loaded machine with 1 thread), threads, flops (see flops()).
"""
import json
import statistics
import sys
import time

import torch

BATCH = 32
INPUT = 2
HEADS = 4
DEFAULT = ["rnn-h32-t20", "lstm-h32-t20", "gru-h32-t20", "rnn-h128-t50", "lstm-h128-t50", "gru-h128-t50",
           "layernorm-d64-t32", "attention-d64-t32", "mha4-d64-t32", "block-d64-t32"]
GATES = {"rnn": 1, "lstm": 4, "gru": 3}


def parse(workload):
    family, width, steps = workload.split("-")
    return family, int(width[1:]), int(steps[1:])


def flops(workload):
    """Floating-point operations of the step's matrix products, 2*M*N*K per product, forward and
    backward (each forward product Y = A B costs again as dA = dY B^T and dB = A^T dY, so 3x the
    forward count; the input's gradient is counted although PyTorch skips it for the first layer).
    Elementwise work (gates, softmax, norms, Adam) is not counted; 0 for layernorm."""
    family, w, t = parse(workload)
    b = BATCH
    if family in GATES:
        g = GATES[family]
        forward = 2 * b * t * g * w * (INPUT + w) + 2 * b * w
    elif family in ("attention", "mha4"):
        forward = 8 * b * t * w * w + 4 * b * t * t * w
    elif family == "block":
        forward = 8 * b * t * w * w + 4 * b * t * t * w + 16 * b * t * w * w
    else:
        forward = 0
    return 3 * forward


class Last(torch.nn.Module):
    def __init__(self, cell, hidden):
        super().__init__()
        self.cell = cell
        self.head = torch.nn.Linear(hidden, 1)

    def forward(self, x):
        return self.head(self.cell(x)[0][:, -1])


class Attention(torch.nn.Module):
    def __init__(self, dim, heads, causal, steps):
        super().__init__()
        self.mha = torch.nn.MultiheadAttention(dim, heads, bias=False, batch_first=True)
        self.mask = torch.triu(torch.ones(steps, steps, dtype=torch.bool), 1) if causal else None

    def forward(self, x):
        return self.mha(x, x, x, attn_mask=self.mask, need_weights=False)[0]


class Block(torch.nn.Module):
    def __init__(self, dim, heads, steps):
        super().__init__()
        self.ln_1 = torch.nn.LayerNorm(dim)
        self.attn = Attention(dim, heads, True, steps)
        self.ln_2 = torch.nn.LayerNorm(dim)
        self.mlp = torch.nn.Sequential(torch.nn.Linear(dim, 4 * dim), torch.nn.GELU(), torch.nn.Linear(4 * dim, dim))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


def model(workload):
    family, w, t = parse(workload)
    if family == "rnn":
        return Last(torch.nn.RNN(INPUT, w, batch_first=True), w), INPUT, 1
    if family == "lstm":
        return Last(torch.nn.LSTM(INPUT, w, batch_first=True), w), INPUT, 1
    if family == "gru":
        return Last(torch.nn.GRU(INPUT, w, batch_first=True), w), INPUT, 1
    if family == "layernorm":
        return torch.nn.LayerNorm(w), w, w
    if family == "attention":
        return Attention(w, 1, False, t), w, w
    if family == "mha4":
        return Attention(w, HEADS, False, t), w, w
    if family == "block":
        return Block(w, HEADS, t), w, w
    raise SystemExit(f"torch_recurrent_step.py: unknown workload '{workload}'; valid families: rnn, lstm, gru, "
                     "layernorm, attention, mha4, block")


def time_workload(workload, threads, quick):
    torch.manual_seed(0)
    net, inp, out = model(workload)
    _, _, t = parse(workload)
    x = torch.rand(BATCH, t, inp) * 2 - 1
    y = torch.rand(BATCH, 1) * 2 - 1 if out == 1 else torch.rand(BATCH, t, out) * 2 - 1
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.MSELoss()

    cpu = []

    def steps(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(n):
            opt.zero_grad()
            loss = loss_fn(net(x), y)
            loss.backward()
            opt.step()
        cpu.append((time.process_time() - start_cpu) * 1000 / n)
        return time.perf_counter() - start

    warm = steps(5 if quick else 20) / (5 if quick else 20)
    n = max(3, int((0.1 if quick else 0.3) / max(warm, 1e-6)))
    runs = [steps(n) * 1000 / n for _ in range(3 if quick else 7)]
    return {"workload": workload, "ms": statistics.median(runs), "runs_ms": runs, "steps_per_run": n,
            "cpu_ms": statistics.median(cpu[1:]), "threads": threads, "flops": flops(workload)}


def main():
    args = sys.argv[1:]
    quick = "--quick" in args
    args = [a for a in args if a != "--quick"]
    threads = int(args.pop(0)) if args and args[0].isdigit() else 2
    torch.set_num_threads(threads)
    for workload in args or DEFAULT:
        print(json.dumps(time_workload(workload, threads, quick)), flush=True)


if __name__ == "__main__":
    main()
