#!/usr/bin/env bash
# kill -9 under load (docs/reliability.md): CrashIT with many senders, on H2 and on PostgreSQL.
# Every acked message must be stored exactly once after the restart, seqs without a gap.
#   bench/crash-under-load.sh [senders=40] [inFlightEach=8] [millis=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -pl chat-ear verify -Dit.test=CrashIT -DbrowserTests.skip=true \
  -Dcrash.senders="${1:-40}" -Dcrash.inflight="${2:-8}" -Dcrash.millis="${3:-5000}" | grep -E '^crash:|Tests run:|FAIL'
