#!/usr/bin/python3
"""Makes the ONNX import fixtures under initlab-io/src/test/resources/onnx/ with PyTorch.

Run with Debian's torch (no `onnx` package needed):  /usr/bin/python3 scripts/onnx_fixtures.py

For each model NAME it writes
  NAME.onnx  torch.onnx.export(training=TRAINING, do_constant_folding=False): BatchNorm stays a
             node and initializers keep the state-dict names (`features.0.weight`);
  NAME.npz   the golden values, float32:
             input          the fixed input x
             output         the model's output y = f(x), in training mode (batch statistics)
             output_grad    a fixed tensor G; the loss is L = sum(y * G), so dL/dy = G
             input_grad     dL/dx
             grad.P         dL/dP for every parameter P (state-dict name)
             param.P        the value of every state-dict entry P as exported
             out.M          the output of every module M that holds parameters (layer-by-layer check)

Also unsupported_lstm.onnx: an LSTM, which the importer must refuse by name; and moons_mlp.onnx, a
PyTorch-initialized MLP for two-feature, two-class data (no golden values: the CLI tests train it).
gelu_mlp.onnx/.npz: GELU, which torch 1.13 exports as an Erf subgraph; view_cnn.onnx/.npz: x.view(x.size(0), -1).
eval_cnn.onnx/.npz: an eval-mode export with constant folding (PyTorch's default), which folds each
BatchNorm into the Conv before it and names the folded weights onnx::Conv_N; its npz holds input,
output (eval mode) and param.P (the state dict, for the names the file no longer has).
Values are drawn from a fixed torch seed; the files are small (a few KB each).
"""
import os

import numpy as np
import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "initlab-io", "src", "test", "resources", "onnx")


def mlp():
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(6, 10), nn.ReLU(),
        nn.Linear(10, 10), nn.Tanh(),
        nn.Linear(10, 10), nn.LeakyReLU(0.1),
        nn.Linear(10, 8), nn.ELU(alpha=0.7),
        nn.Linear(8, 8), nn.SELU(),
        nn.Linear(8, 8), nn.Sigmoid(),
        nn.Linear(8, 8), nn.Softplus(),
        nn.Dropout(0.0),
        nn.Linear(8, 3)), torch.randn(5, 2, 3)


class Cnn(nn.Module):
    """Convolutions with padding, stride and groups, BatchNorm in 2-D and 1-D, both poolings."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(4, 6, 3, stride=2, padding=1, groups=2), nn.BatchNorm2d(6), nn.LeakyReLU(0.2),
            nn.AvgPool2d(2, stride=1))
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Linear(24, 10, bias=False), nn.BatchNorm1d(10), nn.Tanh(), nn.Linear(10, 5))

    def forward(self, x):
        return self.classifier(self.features(x))


class BasicBlock(nn.Module):
    """torchvision's ResNet BasicBlock without downsampling: relu(x + bn2(conv2(relu(bn1(conv1(x))))))."""

    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + x)


class ResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(4)
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = nn.Sequential(BasicBlock(4), BasicBlock(4))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        x = self.layer1(self.relu(self.bn1(self.conv1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def randomize_norms(model):
    """Random BatchNorm scales, shifts and running statistics, so that none of them is trivially 1 or 0."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
                m.running_mean.uniform_(-0.3, 0.3)
                m.running_var.uniform_(0.5, 2.0)


def golden(name, model, x):
    randomize_norms(model)
    model.train()
    # export first: tracing runs a training forward, which moves the running statistics;
    # param.* is recorded after it, so it holds exactly what the file holds
    torch.onnx.export(model, x, os.path.join(OUT, name + ".onnx"), training=torch.onnx.TrainingMode.TRAINING,
                      do_constant_folding=False, input_names=["input"], output_names=["output"], opset_version=13)
    arrays = {"param." + k: v.detach().numpy().copy() for k, v in model.state_dict().items()
              if v.dtype == torch.float32}
    outputs = {}
    hooks = []
    for path, m in model.named_modules():
        if path and any(True for _ in m.parameters(recurse=False)):
            hooks.append(m.register_forward_hook(
                lambda mod, inp, out, path=path: outputs.__setitem__("out." + path, out.detach().numpy().copy())))
    x = x.clone().requires_grad_(True)
    y = model(x)
    for h in hooks:
        h.remove()
    g = torch.randn(y.shape)
    (y * g).sum().backward()
    arrays.update(outputs)
    arrays["input"] = x.detach().numpy()
    arrays["output"] = y.detach().numpy()
    arrays["output_grad"] = g.numpy()
    arrays["input_grad"] = x.grad.numpy()
    for k, p in model.named_parameters():
        arrays["grad." + k] = p.grad.numpy()
    np.savez(os.path.join(OUT, name + ".npz"), **{k: np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()})


class ViewCnn(nn.Module):
    """x.view(x.size(0), -1), the flattening most hand-written forwards use (a fixed batch makes it a constant shape)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.fc = nn.Linear(32, 2)

    def forward(self, x):
        x = torch.relu(self.conv(x))
        return self.fc(x.view(x.size(0), -1))


class Recurrent(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 4, batch_first=True)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1])


class EvalCnn(nn.Module):
    """Conv+BatchNorm pairs that an eval-mode export folds into one Conv each."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(4, 6, 3, padding=1, bias=False), nn.BatchNorm2d(6), nn.ReLU())
        self.fc = nn.Linear(6 * 4 * 4, 3)

    def forward(self, x):
        return self.fc(torch.flatten(self.features(x), 1))


def eval_golden(name, model, x):
    randomize_norms(model)
    model.eval()
    torch.onnx.export(model, x, os.path.join(OUT, name + ".onnx"), input_names=["input"], output_names=["output"],
                      opset_version=13)  # training=EVAL and do_constant_folding=True: PyTorch's defaults
    arrays = {"param." + k: v.detach().numpy().copy() for k, v in model.state_dict().items()
              if v.dtype == torch.float32}
    with torch.no_grad():
        arrays["input"] = x.numpy()
        arrays["output"] = model(x).numpy()
    np.savez(os.path.join(OUT, name + ".npz"), **{k: np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()})


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(20261206)
    model, x = mlp()
    golden("mlp", model, x)
    golden("cnn_bn", Cnn(), torch.randn(3, 1, 12, 12))
    golden("resnet_block", ResNet(), torch.randn(2, 3, 6, 6))
    torch.onnx.export(Recurrent(), torch.randn(2, 5, 3), os.path.join(OUT, "unsupported_lstm.onnx"),
                      do_constant_folding=False, input_names=["input"], output_names=["output"], opset_version=13)
    moons = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 2))
    torch.onnx.export(moons, torch.randn(4, 2), os.path.join(OUT, "moons_mlp.onnx"), training=torch.onnx.TrainingMode.TRAINING,
                      do_constant_folding=False, input_names=["input"], output_names=["output"], opset_version=13)
    # GELU: ONNX has no Gelu operator before opset 20, so torch 1.13 writes x * (1 + erf(x / sqrt 2)) / 2
    golden("gelu_mlp", nn.Sequential(nn.Linear(4, 8), nn.GELU(), nn.Linear(8, 8), nn.GELU(), nn.Linear(8, 2)),
           torch.randn(6, 4))
    golden("view_cnn", ViewCnn(), torch.randn(2, 1, 6, 6))
    eval_golden("eval_cnn", EvalCnn(), torch.randn(2, 1, 8, 8))
    for f in sorted(os.listdir(OUT)):
        print(f, os.path.getsize(os.path.join(OUT, f)), "bytes")


if __name__ == "__main__":
    main()
