#!/usr/bin/env bash
# Side-by-side benchmark of InitLab (JMH) and PyTorch (Debian's python3-torch), in one session.
# Usage: initlab-bench/scripts/compare-torch.sh [--quick]
# Needs: apt-get install python3-torch (and libopenblas0-pthread for native LAPACK).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/scripts/find-jdk.sh"
OUT="${OUT:-$ROOT/initlab-bench/target/compare}"
mkdir -p "$OUT"
QUICK=""
JMH_ARGS=()
if [ "${1:-}" = "--quick" ]; then
  QUICK="--quick"
  JMH_ARGS=(-p size=4096 -wi 1 -i 3 -w 1 -r 1)
fi
"$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" -DskipTests -pl initlab-bench -am package
{
  echo "date: $(date -u +%FT%TZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores)"
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "openblas: $(dpkg -l 2>/dev/null | awk '/libopenblas0-pthread/ {print $3}' | head -1)"
} | tee "$OUT/environment.txt"
echo "== PyTorch" >&2
/usr/bin/python3 "$ROOT/initlab-bench/scripts/torch_fill.py" $QUICK | tee "$OUT/torch.jsonl"
echo "== InitLab (JMH)" >&2
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$ROOT/initlab-bench/target/benchmarks.jar" \
  "FillBenchmark|OrthogonalBenchmark" "${JMH_ARGS[@]}" -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.txt"
/usr/bin/python3 "$ROOT/initlab-bench/scripts/compare.py" "$OUT/jmh.json" "$OUT/torch.jsonl" | tee "$OUT/table.md"
