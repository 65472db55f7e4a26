#!/usr/bin/env bash
# kill -9 of the embedded server at 2,000 msg/s (40 rooms × 10 users, one message each every
# 200 ms), then the run command again on the same data: on H2 (the embedded default) and on the
# machine's PostgreSQL (a schema of its own, dropped after). Fails when an acked message is lost,
# stored twice or under another seq, when a room's seqs have a gap, or when a client resuming with
# `since` misses or repeats a message. One JSON line per database; docs/reliability.md.
#   bench/crash-under-load.sh [--rooms R --users U --period MS --load SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
status=0
for db in h2 postgres; do
  timeout 900 node bench/crash-under-load.mjs --db "$db" "$@" || status=1
done
exit $status
