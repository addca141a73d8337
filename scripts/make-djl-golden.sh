#!/usr/bin/env bash
# Writes the golden tensors of initlab-djl's DjlGoldenTest with the command line itself: each is what
# `initlab sample` gives for a parameter of the test's DJL blocks (same spec, shape, seed and path), so the
# test checks the DJL adapter against the CLI bit for bit. Re-run after a deliberate change of a sampler.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
OUT="$ROOT/initlab-djl/src/test/resources/golden"
mkdir -p "$OUT"
sample() { "$ROOT/initlab" sample "$@" > /dev/null; }
# Linear(32)-ReLU-Linear(10) on 20 inputs, he_normal, seed 7.
sample he_normal --shape 32,20 --seed 7 --path 0.weight --out "$OUT/mlp-0.weight.npy"
sample he_normal --shape 10,32 --seed 7 --path 2.weight --out "$OUT/mlp-2.weight.npy"
# The same MLP under torch_default everywhere, seed 3: a bias takes its weight's fans (fan_in 20).
sample torch_default --shape 32 --role bias --fan-in 20 --fan-out 32 --seed 3 --path 0.bias --out "$OUT/torch-0.bias.npy"
# Conv2d(8 filters, 3x3, 2 groups) on 4 channels, he_normal(mode=fan_out), seed 5.
sample 'he_normal(mode=fan_out)' --shape 8,2,3,3 --groups 2 --seed 5 --path 0.weight --out "$OUT/conv-0.weight.npy"
echo "make-djl-golden: wrote $(ls "$OUT" | wc -l) files to $OUT"
