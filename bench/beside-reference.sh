# Sourced by the benchmark scripts that measure Parley beside the reference room server
# (../shared/bench): the embedded server on $port (bench/server.sh) and the reference on 9109,
# both stopped on exit; $parley is the server's JVM pid, $shared the reference's folder.
. bench/loadgen.sh
. bench/server.sh
PORT=9109 node "$shared/peers/ws-room/server.mjs" >/dev/null 2>&1 &
reference=$!
trap 'kill "$reference" "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
sleep 1
parley="$(pgrep -f "payara-micro.jar.*--port $port" | head -1)"
