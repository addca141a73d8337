#!/usr/bin/env bash
# Side-by-side benchmark of InitLab (JMH) and PyTorch (Debian's python3-torch), in one session.
# Usage: initlab-bench/scripts/compare-torch.sh [--quick] [--threads N] [--only gemm|fill|epoch|recurrent|cnn]
#   fill:  FillBenchmark, OrthogonalBenchmark against torch_fill.py
#   epoch: one training epoch of mlp(784,[256,128],10,act=relu), Adam(lr=1e-3), batch 128, on
#          Fashion-MNIST: EpochBenchmark with native BLAS and with netlib's pure-Java BLAS, against
#          torch_mlp_epoch.py; both sides get N threads (default 2: OPENBLAS_NUM_THREADS for
#          InitLab, torch.set_num_threads for PyTorch). Data: $DATA, else
#          ${INITLAB_DATA:-REPO/../shared/data}/fashion-mnist.
#   gemm:  the machine's sgemm peak: GemmBenchmark (native with N threads, netlib Java) against
#          torch_gemm.py's torch.mm; the per-family figures are set against it.
#   recurrent: one training step (forward, MSE, backward, Adam) of the sequence layer families
#          (SimpleRNN, LSTM, GRU at hidden 32/T 20 and hidden 128/T 50; LayerNorm; single- and
#          4-head attention and a pre-LN transformer block at d 64, T 32; batch 32):
#          SequenceStepBenchmark against torch_recurrent_step.py, PyTorch run before and after JMH
#          (both orders), same N threads; table with ratios and GFLOP/s in sequence.md.
#   cnn:   one training step (forward, loss, backward, Adam) of cnn(1,28,28,10) and of a deeper
#          BatchNorm CNN, batch 64 of synthetic 28x28 images: ConvStepBenchmark against
#          torch_cnn_step.py, N threads on both sides (OPENBLAS_NUM_THREADS and -Dinitlab.threads
#          for InitLab, torch.set_num_threads for PyTorch); PyTorch first, then InitLab, then
#          PyTorch again (both orders); table in cnn.md with the conv products' GFLOP/s.
#   --quick: fills of 4096² only, fewer iterations everywhere.
# Needs: apt-get install python3-torch (and libopenblas0-pthread for native BLAS and LAPACK).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/scripts/find-jdk.sh"
OUT="${OUT:-$ROOT/initlab-bench/target/compare}"
QUICK=""
THREADS=2
PARTS="gemm fill epoch recurrent cnn"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK="--quick" ;;
    --threads) THREADS="${2:?--threads needs a number}"; shift ;;
    --only) PARTS="${2:?--only needs gemm, fill, epoch, recurrent or cnn}"; shift ;;
    *) echo "compare-torch.sh: unknown argument '$1'; usage: compare-torch.sh [--quick] [--threads N] [--only gemm|fill|epoch|recurrent|cnn]" >&2
       exit 2 ;;
  esac
  shift
done
case "$THREADS" in ''|*[!0-9]*|0) echo "compare-torch.sh: --threads must be a positive integer, got '$THREADS'" >&2; exit 2 ;; esac
case "$PARTS" in "gemm fill epoch recurrent cnn"|gemm|fill|epoch|recurrent|cnn) ;;
  *) echo "compare-torch.sh: --only takes gemm, fill, epoch, recurrent or cnn, got '$PARTS'" >&2; exit 2 ;; esac
DATA="${DATA:-${INITLAB_DATA:-$ROOT/../shared/data}/fashion-mnist}"
# InitLab's side runs with the OpenBLAS idle-thread timeout the ./initlab launcher sets (see there); PyTorch's with its own.
JAVA=(env "OPENBLAS_THREAD_TIMEOUT=${OPENBLAS_THREAD_TIMEOUT:-18}" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED
  -jar "$ROOT/initlab-bench/target/benchmarks.jar")
mkdir -p "$OUT"
"$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" -DskipTests -pl initlab-bench -am package
{
  echo "date: $(date -u +%FT%TZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores)"
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "openblas: $(dpkg -l 2>/dev/null | awk '/libopenblas0-pthread/ {print $3}' | head -1)"
  echo "libblas.so.3: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo none)"
  echo "torch: $(/usr/bin/python3 -c 'import torch; print(torch.__version__)' 2>/dev/null || echo none)"
  echo "epoch threads: $THREADS"
  if [ -f "$DATA/train-images-idx3-ubyte.gz" ]; then
    echo "epoch data: Fashion-MNIST in $DATA"
  else
    echo "epoch data: SYNTHETIC (no Fashion-MNIST in $DATA); the PyTorch epoch is skipped"
  fi
} | tee "$OUT/environment.txt"

if [[ " $PARTS " == *" gemm "* ]]; then
  GEMM_ARGS=()
  [ -n "$QUICK" ] && GEMM_ARGS=(-p size=512,1024 -wi 1 -i 2)
  echo "== PyTorch torch.mm ($THREADS threads)" >&2
  /usr/bin/python3 "$ROOT/initlab-bench/scripts/torch_gemm.py" "$THREADS" | tee "$OUT/torch-gemm.jsonl"
  echo "== InitLab sgemm (JMH, native BLAS with OPENBLAS_NUM_THREADS=$THREADS, then netlib Java)" >&2
  OPENBLAS_NUM_THREADS="$THREADS" "${JAVA[@]}" GemmBenchmark -p blas=native,java "${GEMM_ARGS[@]}" \
    -rf json -rff "$OUT/jmh-gemm.json" | tee "$OUT/jmh-gemm.txt"
  /usr/bin/python3 "$ROOT/initlab-bench/scripts/compare_gemm.py" "$THREADS" "$OUT/jmh-gemm.json" \
    "$OUT/torch-gemm.jsonl" | tee "$OUT/gemm.md"
fi

if [[ " $PARTS " == *" fill "* ]]; then
  FILL_ARGS=()
  [ -n "$QUICK" ] && FILL_ARGS=(-p size=4096 -wi 1 -i 3 -w 1 -r 1)
  echo "== PyTorch fills" >&2
  /usr/bin/python3 "$ROOT/initlab-bench/scripts/torch_fill.py" $QUICK | tee "$OUT/torch.jsonl"
  echo "== InitLab fills (JMH)" >&2
  "${JAVA[@]}" "FillBenchmark|OrthogonalBenchmark" "${FILL_ARGS[@]}" -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.txt"
  /usr/bin/python3 "$ROOT/initlab-bench/scripts/compare.py" "$OUT/jmh.json" "$OUT/torch.jsonl" | tee "$OUT/table.md"
fi

if [[ " $PARTS " == *" epoch "* ]]; then
  NATIVE_ARGS=()   # the annotations' 2 warm-up and 5 measured epochs
  JAVA_BLAS_ARGS=(-wi 1 -i 3)
  if [ -n "$QUICK" ]; then
    NATIVE_ARGS=(-wi 1 -i 2)
    JAVA_BLAS_ARGS=(-wi 0 -i 1)
  fi
  rm -f "$OUT/torch-epoch.jsonl"
  if [ -f "$DATA/train-images-idx3-ubyte.gz" ]; then
    echo "== PyTorch epoch ($THREADS threads)" >&2
    /usr/bin/python3 "$ROOT/initlab-bench/scripts/torch_mlp_epoch.py" "$DATA" "$THREADS" | tee "$OUT/torch-epoch.jsonl"
  fi
  echo "== InitLab epoch (JMH, native BLAS, OPENBLAS_NUM_THREADS=$THREADS)" >&2
  OPENBLAS_NUM_THREADS="$THREADS" "${JAVA[@]}" EpochBenchmark -p blas=native -p "data=$DATA" "${NATIVE_ARGS[@]}" \
    -rf json -rff "$OUT/jmh-epoch.json" | tee "$OUT/jmh-epoch.txt"
  echo "== InitLab epoch (JMH, netlib's pure-Java BLAS: the Java-fallback figure)" >&2
  "${JAVA[@]}" EpochBenchmark -p blas=java -p "data=$DATA" "${JAVA_BLAS_ARGS[@]}" \
    -rf json -rff "$OUT/jmh-epoch-java.json" | tee "$OUT/jmh-epoch-java.txt"
  /usr/bin/python3 "$ROOT/initlab-bench/scripts/compare_epoch.py" "$THREADS" "$OUT/jmh-epoch.json" \
    "$OUT/jmh-epoch-java.json" "$OUT/torch-epoch.jsonl" | tee "$OUT/epoch.md"
fi

if [[ " $PARTS " == *" recurrent "* ]]; then
  SEQ_ARGS=()   # the annotations' 3 warm-up and 5 measured iterations of 2 s
  [ -n "$QUICK" ] && SEQ_ARGS=(-wi 1 -i 2 -w 1 -r 1)
  echo "== PyTorch sequence steps, first order ($THREADS threads); load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  /usr/bin/python3 "$ROOT/initlab-bench/scripts/torch_recurrent_step.py" "$THREADS" $QUICK | tee "$OUT/torch-sequence.jsonl"
  echo "== InitLab sequence steps (JMH, OPENBLAS_NUM_THREADS=$THREADS); load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  OPENBLAS_NUM_THREADS="$THREADS" "${JAVA[@]}" SequenceStepBenchmark "${SEQ_ARGS[@]}" \
    -rf json -rff "$OUT/jmh-sequence.json" | tee "$OUT/jmh-sequence.txt"
  echo "== PyTorch sequence steps, second order; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  /usr/bin/python3 "$ROOT/initlab-bench/scripts/torch_recurrent_step.py" "$THREADS" $QUICK | tee "$OUT/torch-sequence-after.jsonl"
  /usr/bin/python3 "$ROOT/initlab-bench/scripts/compare_sequence.py" "$OUT/jmh-sequence.json" \
    "$OUT/torch-sequence.jsonl" "$OUT/torch-sequence-after.jsonl" | tee "$OUT/sequence.md"
fi

if [[ " $PARTS " == *" cnn "* ]]; then
  CNN_ARGS=()   # the annotations' 3 x 2 s warm-up and 5 x 2 s measurement
  [ -n "$QUICK" ] && CNN_ARGS=(-wi 2 -i 3 -w 1 -r 1)
  echo "load before the cnn part: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/environment.txt"
  echo "== PyTorch cnn step ($THREADS threads, first)" >&2
  /usr/bin/python3 "$ROOT/initlab-bench/scripts/torch_cnn_step.py" "$THREADS" $QUICK | tee "$OUT/torch-cnn.jsonl"
  echo "== InitLab cnn step (JMH, OPENBLAS_NUM_THREADS=$THREADS, initlab.threads=$THREADS)" >&2
  OPENBLAS_NUM_THREADS="$THREADS" "${JAVA[@]}" ConvStepBenchmark -jvmArgsAppend "-Dinitlab.threads=$THREADS" \
    "${CNN_ARGS[@]}" -rf json -rff "$OUT/jmh-cnn.json" | tee "$OUT/jmh-cnn.txt"
  echo "== PyTorch cnn step ($THREADS threads, again: the other order)" >&2
  /usr/bin/python3 "$ROOT/initlab-bench/scripts/torch_cnn_step.py" "$THREADS" $QUICK | tee -a "$OUT/torch-cnn.jsonl"
  echo "load after the cnn part: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/environment.txt"
  /usr/bin/python3 "$ROOT/initlab-bench/scripts/compare_cnn.py" "$THREADS" "$OUT/jmh-cnn.json" "$OUT/torch-cnn.jsonl" \
    | tee "$OUT/cnn.md"
fi
