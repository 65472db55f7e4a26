#!/usr/bin/env bash
# An idea against the build without it, on one machine, one after the other: builds REV (default
# HEAD~1) in a scratch worktree, then runs the same series on each build's freshly started
# embedded server: a cold and a warm run at full load (40 × 10), then ROUNDS runs at half load
# (20 × 10), the CPU-per-delivery figure of docs/benchmarks.md. The half-load figure keeps falling
# for the first few runs while the JIT finishes, and differences under about 10% are noise on
# these machines: read the last rounds of each series, and repeat before believing a small gain.
#   bench/compare-builds.sh [REV=HEAD~1] [ROUNDS=4]     JAVA_OPTS passes through to both servers
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:-HEAD~1}" rounds="${2:-4}"
port="${BENCH_PORT:-8199}"
shared="$(cd ../shared/bench && pwd)"
(cd "$shared" && [ -d node_modules ] || npm install --no-audit --no-fund >/dev/null)
other="$(mktemp -d)"
data=""
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  [ -z "$data" ] || rm -rf "$data"
  git worktree remove --force "$other/tree" 2>/dev/null || true
  rm -rf "$other"
}
trap cleanup EXIT

mvn -B -q -DskipTests install
git worktree add -q --detach "$other/tree" "$rev"
cp -r frontend/node_modules "$other/tree/frontend/" 2>/dev/null || true
(cd "$other/tree" && mvn -B -q -DskipTests package)

. bench/lib/series.sh
series "$(git rev-parse --short "$rev")" "$other/tree" "${JAVA_OPTS:--Xmx1g}"
series "$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo '+changes')" . "${JAVA_OPTS:--Xmx1g}"
