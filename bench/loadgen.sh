# Sourced by the benchmark scripts: $shared is the reference's folder (../shared/bench, its packages
# installed) and `load` runs its load generator with the reference protocol against one server,
# which writes its report (docs/benchmarks.md) and nothing to the terminal.
shared="$(cd ../shared/bench && pwd)"
(cd "$shared" && [ -d node_modules ] || npm install --no-audit --no-fund >/dev/null)
load() { # label pid url args...
  local label=$1 pid=$2 url=$3
  shift 3
  node "$shared/loadgen.mjs" --proto ws-room --url "$url" --server-pid "$pid" --label "$label" "$@" >/dev/null
}
