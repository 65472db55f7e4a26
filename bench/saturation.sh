#!/usr/bin/env bash
# Saturation beside the reference room server (issue 11, target 2; docs/benchmarks.md): 40 rooms ×
# 10 users, the send period shortened step by step (PERIODS, ms; 200 is the usual full load of
# 2,000 msg/s in, 18,000 deliveries/s out) until a server's p99 passes 100 ms or it loses a
# delivery; each step runs 10 s. The embedded server is warmed with two full-load runs first. The
# load generator shares the two cores with the server, so it saturates too at some rate: read each
# step's loader CPU beside the server's. Every run is bounded in time.
#   bench/saturation.sh                 PERIODS="200 133 100 80 67 50 40"
set -euo pipefail
cd "$(dirname "$0")/.."
port="${BENCH_PORT:-8199}"
periods="${PERIODS:-200 133 100 80 67 50 40}"
. bench/beside-reference.sh
steps="$data/saturation"
mkdir -p "$steps"

# prints "<p99 ms> <deliveries/s> <lost> <server CPU %> <loader CPU %>" of one step's report
read_step() {
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log([r.latencyMs ? r.latencyMs.p99 : 1e9, r.deliveredPerSec, r.lostDeliveries,
      r.cpu.serverCpuPct, r.cpu.loaderCpuPct].join(" "))' "$1"
}

ramp() { # label pid url args...
  local label=$1 pid=$2 url=$3
  shift 3
  local last="none" period p99 delivered lost server_cpu loader_cpu
  for period in $periods; do
    node "$shared/loadgen.mjs" --proto ws-room --url "$url" --server-pid "$pid" --label "$label-P$period" \
      --scenario fanout --rooms 40 --users 10 --period "$period" --duration 10 "$@" > "$steps/$label-$period.json"
    read -r p99 delivered lost server_cpu loader_cpu < <(read_step "$steps/$label-$period.json")
    if [ "$lost" -gt 0 ] || ! awk -v p="$p99" 'BEGIN { exit !(p <= 100) }'; then
      echo "$label: past saturation at P=$period ms ($((400000 / period)) msg/s offered): p99 $p99 ms, $delivered deliveries/s, lost $lost, server CPU $server_cpu%, loader $loader_cpu%"
      break
    fi
    last="P=$period ms: $delivered deliveries/s at p99 $p99 ms, server CPU $server_cpu%, loader $loader_cpu%"
  done
  echo "$label: the highest rate under p99 100 ms with nothing lost: $last"
}

full="--scenario fanout --rooms 40 --users 10 --period 200 --duration 15"
p=(--dev-login "http://127.0.0.1:$port")
# shellcheck disable=SC2086
{
  load parley-warm-up-1 "$parley" "ws://127.0.0.1:$port" "${p[@]}" $full
  load parley-warm-up-2 "$parley" "ws://127.0.0.1:$port" "${p[@]}" $full
}
ramp reference "$reference" ws://127.0.0.1:9109
ramp parley "$parley" "ws://127.0.0.1:$port" "${p[@]}"
