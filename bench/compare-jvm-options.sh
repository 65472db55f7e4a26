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
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [ -n "$data" ] && rm -rf "$data"
}
trap cleanup EXIT
mvn -B -q -DskipTests install

series() { # java options
  local options=$1
  if curl -fs "http://127.0.0.1:$port/api/auth/config" >/dev/null 2>&1; then
    echo "port $port is taken by another server" >&2
    exit 1
  fi
  data="$(mktemp -d)"
  # run.sh itself (not a subshell around it) so that stopping it stops its server
  CHAT_PORT="$port" CHAT_DATA_DIR="$data" PARLEY_SKIP_BUILD=1 JAVA_OPTS="$options" \
    ./run.sh > "$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/api/auth/config" >/dev/null 2>&1 && break
    sleep 1
  done
  local pid
  pid="$(pgrep -f "payara-micro.jar.*--port $port" | head -1)"
  run() { # name args...
    local name=$1; shift
    node "$shared/loadgen.mjs" --proto ws-room --url "ws://127.0.0.1:$port" --server-pid "$pid" \
      --dev-login "http://127.0.0.1:$port" --label "[$options] $name" --scenario fanout --users 10 \
      --period 200 --duration 15 "$@" >/dev/null
  }
  run cold --rooms 40
  run warm --rooms 40
  for i in $(seq 1 "$rounds"); do run "half-$i" --rooms 20; done
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true
  server=""
  rm -rf "$data"
  data=""
}
for options in "$@"; do series "$options"; done
