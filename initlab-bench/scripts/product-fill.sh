#!/usr/bin/env bash
# The fills as users get them: `./initlab sample SPEC --shape S,S --threads N --out DIR/w.npy`, timed as a
# whole process (median of RUNS) minus the start-up (`./initlab --version`, median of RUNS), against
# PyTorch's in-place fill of the same tensor (median of 3 after a warm-up, N threads). CPU time (user + sys
# of the whole process, from /usr/bin/time, minus the start-up's) is given too: on a shared machine it is
# the steadier figure. The previous run's output is deleted before each run, outside the timing: replacing
# a 1 GiB file makes the kernel free its pages inside the rename (0.15-0.2 s), work that belongs to the
# benchmark's loop, not to writing this file (a user who overwrites a file pays it).
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
# runs "$@" and prints "wall cpu" in seconds (cpu = user + sys of the process and its children)
timed() {
  local t0 t1 cpu
  t0=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt"
  t1=$(date +%s.%N)
  cpu=$(awk '{print $1 + $2}' "$OUT/time.txt")
  echo "$(echo "$t1 - $t0" | bc -l) $cpu"
}

startup_runs=$(for _ in $(seq "$RUNS"); do timed "$ROOT/initlab" --version; done)
startup=$(echo "$startup_runs" | cut -d' ' -f1 | median)
startup_cpu=$(echo "$startup_runs" | cut -d' ' -f2 | median)
echo "| initializer | InitLab whole process - start-up (s) | of which the fill (s) | CPU - start-up's (s) | PyTorch in-place fill (s) | ratio |" | tee "$OUT/product-fill.md"
echo "|---|---|---|---|---|---|" | tee -a "$OUT/product-fill.md"
for pair in "he_normal|torch.nn.init.kaiming_normal_(t, nonlinearity='relu')" \
            "truncated_normal(std=0.02)|torch.nn.init.trunc_normal_(t, std=0.02, a=-0.04, b=0.04)"; do
  spec="${pair%%|*}"; fill="${pair#*|}"
  whole=(); inner=(); cpus=()
  for _ in $(seq "$RUNS"); do
    rm -f "$DIR/initlab-product-fill.npy"
    read -r wall cpu < <(timed "$ROOT/initlab" sample "$spec" --shape "$SIZE,$SIZE" --threads "$THREADS" --out "$DIR/initlab-product-fill.npy")
    whole+=("$wall"); cpus+=("$cpu")
    inner+=("$(sed -n 's/^filled [0-9]* values in \([0-9.]*\) s.*/\1/p' "$OUT/stderr.txt")")
  done
  rm -f "$DIR/initlab-product-fill.npy"
  w=$(printf '%s\n' "${whole[@]}" | median); f=$(printf '%s\n' "${inner[@]}" | median)
  c=$(printf '%s\n' "${cpus[@]}" | median)
  net=$(echo "$w - $startup" | bc -l)
  net_cpu=$(echo "$c - $startup_cpu" | bc -l)
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
  printf '| %s | %.3f | %.3f | %.2f | %.3f | %.2fx |\n' "$spec" "$net" "$f" "$net_cpu" "$torch" "$(echo "$torch / $net" | bc -l)" | tee -a "$OUT/product-fill.md"
done
echo "start-up (./initlab --version, median of $RUNS): ${startup} s wall, ${startup_cpu} s CPU; size ${SIZE}², $THREADS threads, output in $DIR; $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/product-fill.md"
