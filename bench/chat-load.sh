#!/usr/bin/env bash
# The chat load benchmark (docs/benchmarks.md): starts the embedded server on a spare port with a
# fresh data folder, runs ChatLoad against it, stops the server. Loopback only, bounded in time.
# Usage: bench/chat-load.sh [rooms=40] [users=10] [intervalMillis=200] [seconds=15]
set -euo pipefail
cd "$(dirname "$0")/.."
rooms="${1:-40}" users="${2:-10}" interval="${3:-200}" seconds="${4:-15}"
port="${BENCH_PORT:-8199}"
. bench/server.sh
mvn -B -q -pl chat-ear exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.parley.chat.bench.ChatLoad \
  -Dexec.args="http://127.0.0.1:$port/ $rooms $users $interval $seconds"
echo "server RSS: $(ps -o rss= -p "$(pgrep -f "payara-micro.jar.*--port $port" | head -1)" | awk '{printf "%.0f MB", $1/1024}')"
