#!/usr/bin/env bash
# Parley beside the reference room server (../shared/bench: Node `ws`, in memory), measured by the
# shared load generator in one run on this machine (docs/benchmarks.md). Starts the embedded
# server with a fresh data folder, and the reference on port 9109; every run is bounded in time.
#   bench/versus-reference.sh            fan-out 40 × 10 at 5 msg/s each: cold, warm, warm again,
#                                        the reference; then 20 × 10 for both (CPU per delivery)
#   CONNECT=1 bench/versus-reference.sh  also the connect storm (3,000 clients, 50 at a time)
# JAVA_OPTS and CHAT_* variables pass through to the server.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${BENCH_PORT:-8199}"
. bench/beside-reference.sh
full="--scenario fanout --rooms 40 --users 10 --period 200 --duration 15"
half="--scenario fanout --rooms 20 --users 10 --period 200 --duration 15"
p=(--dev-login "http://127.0.0.1:$port")
# shellcheck disable=SC2086
{
  load parley-cold "$parley" "ws://127.0.0.1:$port" "${p[@]}" $full
  load parley-warm "$parley" "ws://127.0.0.1:$port" "${p[@]}" $full
  load parley-warm-again "$parley" "ws://127.0.0.1:$port" "${p[@]}" $full
  load reference "$reference" ws://127.0.0.1:9109 $full
  load parley-half "$parley" "ws://127.0.0.1:$port" "${p[@]}" $half
  load reference-half "$reference" ws://127.0.0.1:9109 $half
  if [ -n "${CONNECT:-}" ]; then
    connect="--scenario connect --n 3000 --concurrency 50 --idle 10"
    load reference-connect "$reference" ws://127.0.0.1:9109 $connect
    load parley-connect "$parley" "ws://127.0.0.1:$port" "${p[@]}" $connect
  fi
}
