#!/usr/bin/env bash
# The same build under different JVM options, one freshly started embedded server per option set,
# one after the other on this machine: a cold and a warm run at full load (40 × 10), then ROUNDS
# runs at half load (20 × 10), as bench/compare-builds.sh does for two builds. Each option set is
# one argument; the loader's p50/p99 and the server's CPU are what to compare (docs/benchmarks.md).
#   ROUNDS=3 bench/compare-jvm-options.sh "-Xmx1g" "-Xmx1g -XX:+UseZGC"
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${ROUNDS:-3}"
port="${BENCH_PORT:-8199}"
shared="$(cd ../shared/bench && pwd)"
(cd "$shared" && [ -d node_modules ] || npm install --no-audit --no-fund >/dev/null)
data=""
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  [ -z "$data" ] || rm -rf "$data"
}
trap cleanup EXIT
mvn -B -q -DskipTests install

. bench/lib/series.sh
for options in "$@"; do series "[$options]" . "$options"; done
