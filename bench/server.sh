# Sourced by the benchmark scripts: builds, then starts the embedded server on $port with a fresh
# data folder and any CHAT_* variables exported by the caller; stops it and cleans up on exit.
data="$(mktemp -d)"
mvn -B -q -DskipTests install
mvn -B -q -pl chat-ear test-compile
CHAT_PORT="$port" CHAT_DATA_DIR="$data" PARLEY_SKIP_BUILD=1 JAVA_OPTS="${JAVA_OPTS:--Xmx1g}" ./run.sh > "$data/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/api/auth/config" >/dev/null 2>&1 && break
  sleep 1
done
