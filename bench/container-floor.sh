#!/usr/bin/env bash
# What the container alone costs, beside the reference room server (docs/benchmarks.md,
# "The container's floor"): the reference's protocol as a bare JSR-356 endpoint (bench/floor: in
# memory, no login, nothing stored) on the embedded default's Payara Micro, measured by the shared
# load generator in one run with the reference: connect storms (cold, warm, warm again), live heap
# per idle connection, fan-out at full and half load, with blocking and with asynchronous sends.
#   bench/container-floor.sh [payara|wildfly]   payara: the build's Payara Micro 6 (PAYARA_MICRO_JAR
#                                               and JAVA pick another); wildfly: WildFly 39 as the
#                                               integration tests unpack it
# Bounded in time (about 6 minutes); ports 8197 and 9109.
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:-payara}" java="${JAVA:-java}"
port=8197
. bench/loadgen.sh
work="$(mktemp -d)"
trap 'kill "${server:-}" "${reference:-}" 2>/dev/null; rm -rf "$work"' EXIT
mvn -B -q dependency:copy -Dartifact=jakarta.websocket:jakarta.websocket-api:2.1.0 -DoutputDirectory="$work/lib"
mvn -B -q dependency:copy -Dartifact=jakarta.json:jakarta.json-api:2.1.3 -DoutputDirectory="$work/lib"
mvn -B -q dependency:copy -Dartifact=jakarta.websocket:jakarta.websocket-client-api:2.1.0 -DoutputDirectory="$work/lib"
mkdir -p "$work/war/WEB-INF/classes"
javac --release 17 -d "$work/war/WEB-INF/classes" -cp "$work/lib/*" bench/floor/floor/*.java
(cd "$work/war" && jar cf "$work/floor.war" .)
export JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}"
if [ "$which" = wildfly ]; then
  mvn -B -q -pl chat-ear -DskipITs=false dependency:unpack@production-servers
  wildfly="$(ls -d "$PWD"/chat-ear/target/servers/wildfly-* | head -1)"
  cp -r "$wildfly/standalone" "$work/standalone"
  cp "$work/floor.war" "$work/standalone/deployments/"
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")" \
    "$wildfly/bin/standalone.sh" -Djboss.server.base.dir="$work/standalone" \
    -Djboss.socket.binding.port-offset=$((port - 8080)) >"$work/server.log" 2>&1 &
else
  # shellcheck disable=SC2086
  "$java" $JAVA_OPTS -jar "${PAYARA_MICRO_JAR:-chat-ear/target/it/payara-micro.jar}" \
    --deploy "$work/floor.war" --contextroot floor --port "$port" --nocluster >"$work/server.log" 2>&1 &
fi
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.5
done
sleep 3
server="$(pgrep -f "java .*(payara-micro.*--port $port|jboss.server.base.dir=$work)" | head -1)"
PORT=9109 node "$shared/peers/ws-room/server.mjs" >/dev/null 2>&1 &
reference=$!
base="ws://127.0.0.1:$port/floor"
connect="--scenario connect --n 3000 --concurrency 50 --idle 3"
full="--scenario fanout --rooms 40 --users 10 --period 200 --duration 15"
half="--scenario fanout --rooms 20 --users 10 --period 200 --duration 15"
# shellcheck disable=SC2086
{
  load floor-connect-cold "$server" "$base" $connect
  load floor-connect-warm "$server" "$base" $connect
  load floor-connect-warm-again "$server" "$base" $connect
  load reference-connect "$reference" ws://127.0.0.1:9109 $connect
  echo "$which floor:" >&2
  bench/idle-heap.sh "$server" "$base" 3000 >&2
  load floor-blocking-full "$server" "$base" $full
  load floor-blocking-full-again "$server" "$base" $full
  load floor-async-full "$server" "$base/async" $full
  load reference-full "$reference" ws://127.0.0.1:9109 $full
  load floor-blocking-half "$server" "$base" $half
  load floor-async-half "$server" "$base/async" $half
  load reference-half "$reference" ws://127.0.0.1:9109 $half
}
