#!/usr/bin/env bash
# Live heap per idle WebSocket connection of a running JVM server: a class histogram (which runs a
# full GC) before, and one while N connections made by the shared load generator sit idle; prints
# the growth per connection and the classes that grew most. Bounded: the connections close after
# the idle window.
#   bench/idle-heap.sh PID WS_URL [N=3000] [extra loadgen args, e.g. --dev-login http://…]
set -euo pipefail
cd "$(dirname "$0")/.."
pid=$1 url=$2 n=${3:-3000}
shift $(($# < 3 ? $# : 3))
shared="$(cd ../shared/bench && pwd)"
port="$(sed -E 's#^ws://[^:]+:([0-9]+).*#\1#' <<<"$url")"
before="$(mktemp)" after="$(mktemp)"
trap 'rm -f "$before" "$after"' EXIT
jcmd "$pid" GC.class_histogram >"$before"
node "$shared/loadgen.mjs" --proto ws-room --url "$url" --label idle-heap --scenario connect \
  --n "$n" --concurrency 50 --idle 30 "$@" >/dev/null 2>&1 &
loader=$!
open() { ss -Htn state established "( sport = :$port )" | wc -l; }
for _ in $(seq 1 240); do
  [ "$(open)" -ge "$n" ] && break
  kill -0 "$loader" 2>/dev/null || break
  sleep 0.5
done
opened="$(open)"
[ "$opened" -ge "$n" ] || { echo "only $opened of $n connections opened" >&2; exit 1; }
sleep 8 # the connect phase's garbage and any per-connection timers settle
jcmd "$pid" GC.class_histogram >"$after"
wait "$loader" || true
python3 - "$before" "$after" "$n" <<'PY'
import sys
def load(path):
    rows = {}
    for line in open(path):
        p = line.split()
        if len(p) >= 4 and p[0].rstrip(':').isdigit():
            rows[p[3]] = (int(p[1]), int(p[2]))
    return rows
before, after, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
grown = sorted(((a[1] - before.get(k, (0, 0))[1], a[0] - before.get(k, (0, 0))[0], k) for k, a in after.items()), reverse=True)
print(f"live heap per idle connection: {sum(g[0] for g in grown) / n / 1024:.1f} KB ({n} connections)")
for size, count, name in grown[:12]:
    print(f"  {size / n:7.0f} B  {count / n:6.2f} objects  {name}")
PY
