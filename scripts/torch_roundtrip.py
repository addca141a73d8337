#!/usr/bin/python3
"""Golden files for InitLab's round trips with PyTorch (run from the repository root with Debian's
python3-torch: /usr/bin/python3 scripts/torch_roundtrip.py; it runs ./initlab, which builds the jar).

Writes initlab-io/src/test/resources/torch/ (read by TorchRoundTripTest and TorchPresetTest) and
initlab-cli/src/test/resources/torch/advised_mlp.json (read by AdviseOutTest):

  {rnn,lstm,gru}_torch.safetensors   a PyTorch model `0` = nn.RNN/LSTM/GRU(3, 4, batch_first=True),
                                     `2` = nn.Linear(4, 2) on the last step, as PyTorch initializes it
                                     (two random biases), with `input` [2, 5, 3] and its `output`
                                     [2, 2] under the keys `io.input` / `io.output`.
  {rnn,lstm,gru}_engine.safetensors  `initlab export --model KIND(3,4,2) --init torch_default --seed 7`
                                     loaded into the same PyTorch model with strict=True (the load is
                                     the check), then `io.input` and the `io.output` PyTorch computes.
  cnn_bn.safetensors                 a CNN with BatchNorm2d (conv, bn, relu, maxpool, flatten, linear)
                                     after three training-mode batches (running statistics and
                                     num_batches_tracked = 3), with `io.input` [2, 1, 8, 8] and its
                                     eval-mode `io.output`.
  advised_mlp.json                   the state-dict keys and shapes of nn.Sequential(Linear(4,8), ReLU,
                                     Linear(8,8), ReLU, Linear(8,3)) after loading
                                     `initlab advise --model mlp(4,[8,8],3,act=relu) --out F` into it
                                     with strict=True.
  presets_torch.safetensors          freshly constructed PyTorch modules (torch.manual_seed(11)):
                                     `lstm.*` nn.LSTM(4, 64), `gru.*` nn.GRU(4, 64), `rnn.*` nn.RNN(4, 64),
                                     `linear.*` nn.Linear(20, 30), `conv.*` nn.Conv2d(3, 8, 5): the
                                     reference samples of the torch_default preset's laws.
"""
import json
import os
import struct
import subprocess
import tempfile

import numpy as np
import torch
from torch import nn

OUT = os.path.join("initlab-io", "src", "test", "resources", "torch")
CLI_OUT = os.path.join("initlab-cli", "src", "test", "resources", "torch")
DTYPES = {torch.float32: ("F32", np.float32), torch.int64: ("I64", np.int64)}


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        code, np_type = DTYPES[t.dtype]
        data = t.detach().contiguous().numpy().astype(np_type).tobytes()
        header[name] = {"dtype": code, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        body = f.read()
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        np_type = {"F32": np.float32, "I64": np.int64}[e["dtype"]]
        a, b = e["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(body[a:b], dtype=np_type).reshape(e["shape"]).copy())
    return out


def initlab(*args):
    subprocess.run(["./initlab", *args], check=True, stdout=subprocess.DEVNULL)


class LastStepNet(nn.Module):
    """InitLab's KIND(IN,HIDDEN,OUT): `0` the recurrent layer, the last step, `2` a Linear."""

    def __init__(self, kind, inputs, hidden, out):
        super().__init__()
        cell = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind]
        self.add_module("0", cell(inputs, hidden, batch_first=True))
        self.add_module("2", nn.Linear(hidden, out))

    def forward(self, x):
        y, _ = getattr(self, "0")(x)
        return getattr(self, "2")(y[:, -1, :])


def recurrent(kind, seed):
    torch.manual_seed(seed)
    net = LastStepNet(kind, 3, 4, 2)
    x = torch.randn(2, 5, 3)
    with torch.no_grad():
        y = net(x)
    write_safetensors(os.path.join(OUT, kind + "_torch.safetensors"),
                      {**net.state_dict(), "io.input": x, "io.output": y})
    with tempfile.TemporaryDirectory() as tmp:
        f = os.path.join(tmp, "w.safetensors")
        initlab("export", "--model", kind + "(3,4,2)", "--init", "torch_default", "--seed", "7", "--out", f)
        engine = LastStepNet(kind, 3, 4, 2)
        engine.load_state_dict(read_safetensors(f), strict=True)
    with torch.no_grad():
        y = engine(x)
    write_safetensors(os.path.join(OUT, kind + "_engine.safetensors"), {"io.input": x, "io.output": y})


def cnn():
    torch.manual_seed(5)
    net = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                        nn.Linear(4 * 4 * 4, 3))
    net.train()
    with torch.no_grad():
        for _ in range(3):
            net(torch.randn(6, 1, 8, 8) * 2 + 0.5)
    net.eval()
    x = torch.randn(2, 1, 8, 8)
    with torch.no_grad():
        y = net(x)
    write_safetensors(os.path.join(OUT, "cnn_bn.safetensors"), {**net.state_dict(), "io.input": x, "io.output": y})


def advised_mlp():
    net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 3))
    with tempfile.TemporaryDirectory() as tmp:
        f = os.path.join(tmp, "advised.safetensors")
        initlab("advise", "--model", "mlp(4,[8,8],3,act=relu)", "--out", f)
        net.load_state_dict(read_safetensors(f), strict=True)
    keys = [{"key": k, "shape": list(v.shape)} for k, v in net.state_dict().items()]
    os.makedirs(CLI_OUT, exist_ok=True)
    with open(os.path.join(CLI_OUT, "advised_mlp.json"), "w") as f:
        json.dump({"model": "mlp(4,[8,8],3,act=relu)", "loaded_strict": True, "state_dict": keys}, f, indent=1)
        f.write("\n")


def presets():
    torch.manual_seed(11)
    modules = {"lstm": nn.LSTM(4, 64), "gru": nn.GRU(4, 64), "rnn": nn.RNN(4, 64), "linear": nn.Linear(20, 30),
               "conv": nn.Conv2d(3, 8, 5)}
    tensors = {}
    for name, m in modules.items():
        for k, v in m.state_dict().items():
            tensors[name + "." + k] = v
    write_safetensors(os.path.join(OUT, "presets_torch.safetensors"), tensors)


def main():
    os.makedirs(OUT, exist_ok=True)
    for seed, kind in enumerate(["rnn", "lstm", "gru"]):
        recurrent(kind, seed + 1)
    cnn()
    advised_mlp()
    presets()
    print("wrote", OUT)


if __name__ == "__main__":
    main()
