#!/usr/bin/env bash
# The fills as users get them: `./initlab sample SPEC --shape S,S --threads N --out DIR/w.npy`, timed as a
# whole process (median of RUNS) minus the start-up (`./initlab --version`, median of RUNS), against
# PyTorch's in-place fill of the same tensor (median of 3 after a warm-up, N threads).
# Usage: initlab-bench/scripts/product-fill.sh [--size S] [--threads N] [--runs R] [--dir DIR]
#   DIR defaults to /dev/shm (memory), so the figure is the product's work and not the disk's; give
#   --dir /tmp to include a real disk write.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SIZE=16384; THREADS=2; RUNS=5; DIR=/dev/shm
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE="${2:?}"; shift ;;
    --threads) THREADS="${2:?}"; shift ;;
    --runs) RUNS="${2:?}"; shift ;;
    --dir) DIR="${2:?}"; shift ;;
    *) echo "product-fill.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
OUT="$ROOT/initlab-bench/target/compare"; mkdir -p "$OUT"
"$ROOT/initlab" --version >/dev/null   # builds if needed

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }

startup=$(for _ in $(seq "$RUNS"); do seconds "$ROOT/initlab" --version; done | median)
echo "| initializer | InitLab whole process - start-up (s) | of which the fill (s) | PyTorch in-place fill (s) | ratio |" | tee "$OUT/product-fill.md"
echo "|---|---|---|---|---|" | tee -a "$OUT/product-fill.md"
for pair in "he_normal|torch.nn.init.kaiming_normal_(t, nonlinearity='relu')" \
            "truncated_normal(std=0.02)|torch.nn.init.trunc_normal_(t, std=0.02, a=-0.04, b=0.04)"; do
  spec="${pair%%|*}"; fill="${pair#*|}"
  whole=(); inner=()
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s.%N)
    msg=$("$ROOT/initlab" sample "$spec" --shape "$SIZE,$SIZE" --threads "$THREADS" --out "$DIR/initlab-product-fill.npy" 2>&1 >/dev/null)
    t1=$(date +%s.%N)
    whole+=("$(echo "$t1 - $t0" | bc -l)")
    inner+=("$(echo "$msg" | sed -n 's/^filled [0-9]* values in \([0-9.]*\) s.*/\1/p')")
  done
  rm -f "$DIR/initlab-product-fill.npy"
  w=$(printf '%s\n' "${whole[@]}" | median); f=$(printf '%s\n' "${inner[@]}" | median)
  net=$(echo "$w - $startup" | bc -l)
  torch=$(/usr/bin/python3 - "$SIZE" "$THREADS" <<PY
import statistics, sys, time, torch
n, threads = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(threads)
t = torch.empty(n, n)
$fill
times = []
for _ in range(3):
    t0 = time.perf_counter(); $fill; times.append(time.perf_counter() - t0)
print(statistics.median(times))
PY
)
  printf '| %s | %.3f | %.3f | %.3f | %.2fx |\n' "$spec" "$net" "$f" "$torch" "$(echo "$torch / $net" | bc -l)" | tee -a "$OUT/product-fill.md"
done
echo "start-up (./initlab --version, median of $RUNS): ${startup} s; size ${SIZE}², $THREADS threads, output in $DIR; $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/product-fill.md"
