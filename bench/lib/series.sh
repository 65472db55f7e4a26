# Sourced by bench/compare-builds.sh and bench/compare-jvm-options.sh: the series they compare.
# series LABEL FOLDER JAVA_OPTIONS starts FOLDER/run.sh on a fresh data folder, then runs a cold
# and a warm full load (40 × 10) and $rounds half loads (20 × 10) with the shared load generator,
# and stops the server. Needs $port, $shared and $rounds; leaves $server and $data for a cleanup trap.
series() {
  local label=$1 folder=$2 options=$3
  if curl -fs "http://127.0.0.1:$port/api/auth/config" >/dev/null 2>&1; then
    echo "port $port is taken by another server" >&2
    exit 1
  fi
  data="$(mktemp -d)"
  # run.sh itself (not a subshell around it) so that stopping it stops its server
  CHAT_PORT="$port" CHAT_DATA_DIR="$data" PARLEY_SKIP_BUILD=1 JAVA_OPTS="$options" \
    "$folder/run.sh" > "$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/api/auth/config" >/dev/null 2>&1 && break
    sleep 1
  done
  local pid
  pid="$(pgrep -f "payara-micro.jar.*--port $port" | head -1)"
  run() { # name args...
    local name=$1; shift
    node "$shared/loadgen.mjs" --proto ws-room --url "ws://127.0.0.1:$port" --server-pid "$pid" \
      --dev-login "http://127.0.0.1:$port" --label "$label-$name" --scenario fanout --users 10 \
      --period 200 --duration 15 "$@" >/dev/null
  }
  run cold --rooms 40
  run warm --rooms 40
  for i in $(seq 1 "$rounds"); do run "half-$i" --rooms 20; done
  kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true
  server=""
  rm -rf "$data"
  data=""
}
