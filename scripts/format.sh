#!/usr/bin/env bash
# Formats every Java source of the tree with the project's formatter (Spotless with
# palantir-java-format, configured in pom.xml), in place. `./test` (verify) checks the format
# once pom.xml's spotless.check.skip is false. Extra arguments go to Maven, e.g. -o (offline)
# or -pl initlab-core (one module).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$ROOT/scripts/find-jdk.sh"
exec "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" spotless:apply "$@"
