#!/usr/bin/env bash
# The connect storm beside the reference (../shared/bench): N clients that already hold tokens
# connect, C at a time (token check, welcome, history), then stay idle S seconds; conn/s, connect
# latency, and RSS growth per idle connection. Parley runs on a fixed, pre-touched heap so that RSS
# growth is the native memory per connection (the heap part: docs/benchmarks.md). The first storm
# hits a server started seconds before.
#   bench/connect-storm.sh [N=3000] [C=50] [S=10]       PARLEY_JFR=1: a JFR recording of the storms
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-3000}" c="${2:-50}" s="${3:-10}"
port="${BENCH_PORT:-8198}"
export JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}"
. bench/beside-reference.sh
[ -n "${PARLEY_JFR:-}" ] && jcmd "$parley" JFR.start name=storm settings=profile filename=/tmp/connect-storm.jfr >/dev/null
storm() { # label pid url [dev-login]
  local label=$1 pid=$2 url=$3; shift 3
  node "$shared/loadgen.mjs" --proto ws-room --url "$url" --server-pid "$pid" --label "$label" \
    --scenario connect --n "$n" --concurrency "$c" --idle "$s" "$@" >/dev/null
}
storm parley-connect-cold "$parley" "ws://127.0.0.1:$port" --dev-login "http://127.0.0.1:$port"
storm parley-connect-warm "$parley" "ws://127.0.0.1:$port" --dev-login "http://127.0.0.1:$port"
storm reference-connect "$reference" ws://127.0.0.1:9109
[ -n "${PARLEY_JFR:-}" ] && jcmd "$parley" JFR.stop name=storm >/dev/null
exit 0
