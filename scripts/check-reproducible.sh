#!/usr/bin/env bash
# Builds every module's jars twice from scratch and compares them byte for byte: two builds of one
# commit (same JDK) must give identical jars (project.build.outputTimestamp in the parent pom fixes
# every entry's time stamp). Exits 1 naming the jars that differ.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$ROOT/scripts/find-jdk.sh"
cd "$ROOT"
build() {
  "$ROOT/mvnw" -B -q clean package -DskipTests >/tmp/initlab-reproducible-build.log 2>&1 \
    || { cat /tmp/initlab-reproducible-build.log >&2; echo "check-reproducible: build failed" >&2; exit 1; }
  find . -path ./.git -prune -o -path '*/target/*.jar' -print | sort | xargs sha256sum
}
first=$(build)
second=$(build)
if [ "$first" != "$second" ]; then
  echo "check-reproducible: two builds of $(git rev-parse --short HEAD 2>/dev/null || echo 'this tree') differ:" >&2
  diff <(echo "$first") <(echo "$second") >&2 || true
  exit 1
fi
echo "check-reproducible: $(echo "$first" | wc -l) jars identical across two builds"
