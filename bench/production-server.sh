#!/usr/bin/env bash
# The unmodified EAR on WildFly 39 (or Payara Server 6) with PostgreSQL, beside the reference room
# server (../shared/bench), measured by the shared load generator in one run: fan-out 40 × 10 at
# 5 msg/s each (cold, warm, warm again), the reference, 20 × 10 for both, then the connect storm
# (3,000 clients, 50 at a time). Bounded in time; docs/benchmarks.md.
#   bench/production-server.sh [wildfly|payara]
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:-wildfly}"
. bench/loadgen.sh
mvn -B -q -DskipTests install
# the servers from Maven Central (as the integration tests unpack them) and the test classes
mvn -B -q -pl chat-ear -DskipITs=false test-compile dependency:unpack@production-servers dependency:copy@jdbc-driver-for-servers
wildfly_home="$(ls -d chat-ear/target/servers/wildfly-* | head -1)"
log="$(mktemp)" fifo="$(mktemp -u)"
mkfifo "$fifo"
(cd chat-ear && exec timeout 1800 mvn -B -q exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.parley.chat.bench.ProductionServerRun -Dexec.args="$which" \
  -Dparley.wildflyHome="${wildfly_home#chat-ear/}" < "$fifo" > "$log" 2>&1) &
runner=$!
exec 3> "$fifo" # the server runs while this stays open
PORT=9109 node "$shared/peers/ws-room/server.mjs" >/dev/null 2>&1 &
reference=$!
trap 'exec 3>&-; kill "$reference" 2>/dev/null; wait "$runner" 2>/dev/null || true; rm -f "$fifo" "$log"' EXIT
for _ in $(seq 1 300); do grep -q 'ready http' "$log" && break; sleep 1; done
read -r _ base pid < <(grep -o 'ready http.*' "$log") || { cat "$log"; exit 1; }
url="ws://${base#http://}"; url="${url%/}"
echo "$which: $base (pid $pid)"
full="--scenario fanout --rooms 40 --users 10 --period 200 --duration 15"
half="--scenario fanout --rooms 20 --users 10 --period 200 --duration 15"
connect="--scenario connect --n 3000 --concurrency 50 --idle 10"
d=(--dev-login "${base%/}")
# shellcheck disable=SC2086
{
  load "$which-cold" "$pid" "$url" "${d[@]}" $full
  load "$which-warm" "$pid" "$url" "${d[@]}" $full
  load "$which-warm-again" "$pid" "$url" "${d[@]}" $full
  load reference "$reference" ws://127.0.0.1:9109 $full
  load "$which-half" "$pid" "$url" "${d[@]}" $half
  load reference-half "$reference" ws://127.0.0.1:9109 $half
  load "$which-connect" "$pid" "$url" "${d[@]}" $connect
  load reference-connect "$reference" ws://127.0.0.1:9109 $connect
}
