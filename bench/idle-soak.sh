#!/usr/bin/env bash
# Idle soak (docs/reliability.md): N idle WebSocket connections held for S seconds against the
# embedded server, with the server's heap, RSS, threads and file descriptors sampled every 30 s.
# Uses the shared load generator (../shared/bench). Loopback only, bounded in time.
#   bench/idle-soak.sh [connections=10000] [seconds=600]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}" seconds="${2:-600}"
port="${BENCH_PORT:-8199}"
shared="$(cd ../shared/bench && pwd)"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
(cd "$shared" && [ -d node_modules ] || npm install --no-audit --no-fund >/dev/null)
. bench/server.sh
pid="$(pgrep -f "payara-micro.jar.*--port $port" | head -1)"
sample() {
  local heap
  heap="$(jcmd "$pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|PSYoungGen/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')"
  printf '%s  connections %6s  heap used %9s  RSS %6s MB  threads %4s  fds %6s\n' "$(date +%T)" \
    "$(ss -Htn state established "( sport = :$port )" | wc -l)" "$heap" \
    "$(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))" \
    "$(ls "/proc/$pid/task" | wc -l)" "$(ls "/proc/$pid/fd" | wc -l)"
}
sample
node "$shared/loadgen.mjs" --proto ws-room --url "ws://127.0.0.1:$port" --dev-login "http://127.0.0.1:$port" \
  --server-pid "$pid" --label idle-soak --scenario connect --n "$n" --concurrency 100 --idle "$seconds" >/dev/null &
loader=$!
while kill -0 "$loader" 2>/dev/null; do
  sleep 30
  sample
done
wait "$loader" || echo "the load generator exited with $?"
sample
