#!/usr/bin/env bash
# The chat load benchmark (docs/benchmarks.md): starts the embedded server on a spare port with a
# fresh data folder, runs ChatLoad against it, stops the server. Loopback only, bounded in time.
# Usage: bench/chat-load.sh [rooms=40] [users=10] [intervalMillis=200] [seconds=15]
set -euo pipefail
cd "$(dirname "$0")/.."
rooms="${1:-40}" users="${2:-10}" interval="${3:-200}" seconds="${4:-15}"
port="${BENCH_PORT:-8199}"
data="$(mktemp -d)"
mvn -B -q -DskipTests install
mvn -B -q -pl chat-ear test-compile
CHAT_PORT="$port" CHAT_DATA_DIR="$data" PARLEY_SKIP_BUILD=1 JAVA_OPTS="${JAVA_OPTS:--Xmx1g}" ./run.sh > "$data/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/api/auth/config" >/dev/null 2>&1 && break
  sleep 1
done
mvn -B -q -pl chat-ear exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.parley.chat.bench.ChatLoad \
  -Dexec.args="http://127.0.0.1:$port/ $rooms $users $interval $seconds"
echo "server RSS: $(ps -o rss= -p "$(pgrep -f "payara-micro.jar.*--port $port" | head -1)" | awk '{printf "%.0f MB", $1/1024}')"
