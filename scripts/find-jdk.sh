# Sourced by ./initlab and ./test: sets JAVA_HOME to a JDK 21 or newer.
# Order: $JAVA_HOME, then the `java` on PATH, then the newest JDK under /usr/lib/jvm.

initlab_java_major() { # prints the feature version of the java binary $1, or 0
  # the JDK's release file says it without starting a JVM (0.1-0.2 s of every launch); else ask java
  local release v
  release="$(dirname "$(dirname "$1")")/release"
  v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*"$/\1/p' "$release" 2>/dev/null | sed 's/^1\.//; s/\..*//' || true)
  if [ -n "$v" ]; then echo "$v"; return 0; fi
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | sed 's/^1\.//' || echo 0
}

initlab_find_jdk() {
  local candidates=() c best="" best_major=0 major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ]; then
      major=$(initlab_java_major "$c/bin/java")
      if [ "${major:-0}" -ge 21 ] 2>/dev/null; then echo "$c"; return 0; fi
    fi
  done
  for c in /usr/lib/jvm/*; do
    if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ]; then
      major=$(initlab_java_major "$c/bin/java")
      if [ "${major:-0}" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
        best="$c"; best_major=$major
      fi
    fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  return 1
}

if ! INITLAB_JDK=$(initlab_find_jdk); then
  echo "initlab: no JDK 21 or newer found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm); install one, e.g. apt-get install openjdk-21-jdk-headless" >&2
  exit 2
fi
export JAVA_HOME="$INITLAB_JDK"
