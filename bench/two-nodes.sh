#!/usr/bin/env bash
# Two nodes against one, with the shared load generator (../shared/bench) in one run on this
# machine (docs/benchmarks.md): one node on PostgreSQL, then two nodes on the same PostgreSQL and
# the machine's Redis behind nginx (round robin, so each room's users are split over both nodes),
# then the reference room server. Fan-out 40 rooms × 10 users at 5 msg/s each, 15 s per run
# with PARLEY_WARMUP_RUNS (3) warm-up runs before each measured one: a fresh JVM on 2 cores needs
# minutes of load before C2 has compiled the hot path. Prints one line per run; CPU is in % of
# one core.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="$(cd ../shared/bench && pwd)"
(cd "$shared" && [ -d node_modules ] || npm install --no-audit --no-fund >/dev/null)
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y -q nginx-light >/dev/null || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q nginx-light >/dev/null; }
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
[ -n "${PARLEY_SKIP_BUILD:-}" ] || mvn -B -q -DskipTests install
tmp="$(mktemp -d)"
schema="parley_bench_$$"
psql -q -h 127.0.0.1 -U "${PGUSER:-postgres}" -d test -c "create schema $schema" >/dev/null
pids=()
cleanup() {
  set +e # clean up everything, even after a step of it fails
  [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null
  for pid in "${pids[@]}"; do pkill -P "$pid" 2>/dev/null; kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  psql -q -h 127.0.0.1 -U "${PGUSER:-postgres}" -d test -c "drop schema if exists $schema cascade" >/dev/null
  command -v redis-cli >/dev/null && redis-cli --scan --pattern "bench-$$:*" | xargs -r redis-cli del >/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

start_node() { # port [redis]
  local port=$1 redis=${2:-}
  mkdir -p "$tmp/data-$port"
  CHAT_PORT="$port" CHAT_DATA_DIR="$tmp/data-$port" PARLEY_SKIP_BUILD=1 JAVA_OPTS="${JAVA_OPTS:--Xmx1g}" \
    CHAT_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema" CHAT_DB_USER="${PGUSER:-postgres}" \
    CHAT_REDIS_URL="$redis" CHAT_REDIS_PREFIX="bench-$$" ./run.sh > "$tmp/node-$port.log" 2>&1 &
  pids+=($!)
}
await_node() { # port
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$1/api/auth/config" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "node on $1 did not start" >&2; exit 1
}
jvm() { pgrep -f "payara-micro.jar.*--port $1" | head -1; }
# CPU ticks of the given processes; one that has gone (an nginx worker, say) counts as 0
ticks() {
  local t=0 pid n
  for pid in "$@"; do
    n=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || n=0
    t=$((t + ${n:-0}))
  done
  echo "$t"
}
run() { # label url login-base pid-for-loadgen cpu-pids...
  local label=$1 url=$2 login=$3 pid=$4; shift 4
  local args=(--proto ws-room --url "$url" --server-pid "$pid" --scenario fanout --rooms 40 --users 10 --period 200 --duration 15)
  [ -n "$login" ] && args+=(--dev-login "$login")
  # a fresh JVM on 2 cores needs minutes of load before C2 has compiled the hot path
  for _ in $(seq 1 "${PARLEY_WARMUP_RUNS:-3}"); do
    node "$shared/loadgen.mjs" "${args[@]}" --label "$label-warmup" >/dev/null 2>&1
  done
  local before after start end
  before=$(ticks "$@"); start=$(date +%s%N)
  node "$shared/loadgen.mjs" "${args[@]}" --label "$label" > "$tmp/$label.json" 2>/dev/null
  after=$(ticks "$@"); end=$(date +%s%N)
  local hz; hz=$(getconf CLK_TCK)
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const cpu = (process.argv[2] / process.argv[4]) / (process.argv[3] / 1e9) * 100;
    const l = r.latencyMs || {};
    console.log(`${r.label}: offered ${r.offeredMsgsPerSec} msg/s, delivered ${r.deliveredPerSec}/s, p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms, lost ${r.lostDeliveries}, dup/reorder ${r.dupOrReorder}, errors ${r.errors}, server CPU ${cpu.toFixed(0)}%, loader CPU ${r.cpu.loaderCpuPct}%`);
  ' "$tmp/$label.json" "$((after - before))" "$((end - start))" "$hz"
}

# one node, no Redis
start_node 8201
await_node 8201
one=$(jvm 8201)
run one-node ws://127.0.0.1:8201 http://127.0.0.1:8201 "$one" "$one"
pkill -P "${pids[0]}" 2>/dev/null || true; kill "${pids[0]}" 2>/dev/null || true; wait "${pids[0]}" 2>/dev/null || true
while [ -n "$(jvm 8201)" ]; do sleep 0.5; done

# two nodes on Redis behind nginx
start_node 8201 redis://127.0.0.1:6379
start_node 8202 redis://127.0.0.1:6379
await_node 8201
await_node 8202
sed -e "s#LISTEN#8200#; s#NODE_ONE#8201#; s#NODE_TWO#8202#; s#TEMP#$tmp#g" bench/nginx-two-nodes.conf > "$tmp/nginx.conf"
"$nginx_bin" -c "$tmp/nginx.conf" -p "$tmp"
sleep 0.5
a=$(jvm 8201); b=$(jvm 8202); ng=$(cat "$tmp/nginx.pid")
# server CPU: both JVMs, nginx (master and worker) and the machine's redis-server
run two-nodes ws://127.0.0.1:8200 http://127.0.0.1:8200 "$a" "$a" "$b" "$ng" $(pgrep -P "$ng") $(pgrep -x redis-server | head -1)

# the reference
PORT=9109 node "$shared/peers/ws-room/server.mjs" >/dev/null 2>&1 &
reference=$!
pids+=("$reference")
sleep 1
run reference ws://127.0.0.1:9109 "" "$reference" "$reference"
