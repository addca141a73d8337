#!/usr/bin/env bash
# Installs the modules (without tests) into the local Maven repository, then builds and runs
# examples/library, a separate project that depends on org.initlab:initlab-core like a library user:
# the README's library example, compiled and run against the installed artifacts.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$ROOT/scripts/find-jdk.sh"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
run() { "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "check-library-example: failed: $*" >&2; exit 1; }; }
run "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" install -DskipTests -pl initlab-core -am
EX="$ROOT/examples/library"
run "$ROOT/mvnw" -B -q -f "$EX/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
"$JAVA_HOME/bin/java" -cp "$EX/target/classes:$(cat "$EX/target/classpath.txt")" example.Example
