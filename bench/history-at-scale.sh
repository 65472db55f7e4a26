#!/usr/bin/env bash
# History at scale on the machine's PostgreSQL: 1,000,000 messages across 1,000 rooms in a schema
# of its own (made by the app's own migrations), then EXPLAIN ANALYZE of the exact statements the
# app runs for paging, resume, the first history page and search. Prints the plans; drops the schema.
#   bench/history-at-scale.sh            (PGHOST/PGUSER/PGDATABASE default to 127.0.0.1/postgres/test)
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-test}"
schema="parley_scale_$$"
rooms="${ROOMS:-1000}"
per_room="${PER_ROOM:-1000}"
psql -q -v ON_ERROR_STOP=1 -c "create schema $schema"
trap 'psql -q -c "drop schema if exists $schema cascade"' EXIT

for migration in $(ls chat-ejb/src/main/resources/db/migration/V*.sql chat-ejb/src/main/resources/db/vendor/postgresql/V*.sql \
    | awk -F/ '{ split($NF, v, "__"); print substr(v[1], 2) "\t" $0 }' | sort -n | cut -f2); do
  PGOPTIONS="-c search_path=$schema" psql -q -v ON_ERROR_STOP=1 -f "$migration"
done

echo "Generating $rooms rooms x $per_room messages..."
start=$(date +%s)
PGOPTIONS="-c search_path=$schema" psql -q -v ON_ERROR_STOP=1 <<SQL
insert into chat_room (name, last_seq, created_at, last_activity_at)
  select 'room-' || r, $per_room, now(), now() from generate_series(1, $rooms) r;
insert into chat_message (room, seq, id, user_id, user_name, role, body, status, created_at)
  select 'room-' || r, s, gen_random_uuid()::text, 'user-' || (s % 10), 'User ' || (s % 10), 'USER',
         'message ' || s || ' in room ' || r || ' about topic' || ((s * 7 + r) % 1000)
           || case when (r * 1000 + s) % 10000 = 0 then ' quokka' else '' end
           || ': ' || repeat('lorem ipsum ', 6), 'COMPLETE',
         now() - make_interval(secs => ($per_room - s))
  from generate_series(1, $rooms) r, generate_series(1, $per_room) s;
vacuum analyze chat_room;
vacuum analyze chat_message;
SQL
echo "Loaded in $(( $(date +%s) - start )) s: $(PGOPTIONS="-c search_path=$schema" psql -Atc 'select count(*) from chat_message') messages, $(PGOPTIONS="-c search_path=$schema" psql -Atc "select pg_size_pretty(pg_total_relation_size('chat_message'))") with indexes"

explain() {
  echo
  echo "## $1"
  echo '```'
  PGOPTIONS="-c search_path=$schema" psql -q -At -c "explain (analyze, buffers, costs off) $2" | sed 's/^/  /'
  echo '```'
}
cols="room, seq, id, user_id, user_name, role, body, status, created_at"
# MessageStore.latest: the history frame on connect (limit 50, +1 to learn hasMore)
explain "First history page (connect without since)" \
  "select $cols from chat_message where room = 'room-500' and seq < 9223372036854775807 order by seq desc fetch first 51 rows only"
# MessageStore.before: GET /api/rooms/{room}/messages?before=N&limit=50
explain "Paging back (before=500, limit=50)" \
  "select $cols from chat_message where room = 'room-500' and seq < 500 order by seq desc fetch first 51 rows only"
# MessageStore.since: resume after a reconnect (since=N, up to 1000)
explain "Resume (since=900: the 100 newest)" \
  "select $cols from chat_message where room = 'room-500' and seq > 900 order by seq fetch first 1001 rows only"
explain "Resume from the start (since=0: 1000 rows, the cap)" \
  "select $cols from chat_message where room = 'room-500' and seq > 0 order by seq fetch first 1001 rows only"
# Idempotent retry: the (room, id) unique constraint
explain "Retry lookup by client id" \
  "select seq from chat_message where room = 'room-500' and id = (select id from chat_message where room = 'room-500' and seq = 10)"
# GET /api/admin/stats counts every stored message
explain "Admin stats: count of all messages" "select count(*) from chat_message"

# MessageSearch on PostgreSQL: GET /api/search?q=…&limit=20 (+1 to learn hasMore), newest first
search="select m.* from chat_message m where to_tsvector('simple', m.body) @@ to_tsquery('simple', '%s')"
order="order by m.created_at desc, m.room desc, m.seq desc fetch first 21 rows only"
explain "Search, a rare word (100 of 1M messages)" "$(printf "$search" "''quokka'':*") $order"
explain "Search, a word in 1 of 1000 messages' topics (1,000 matches)" "$(printf "$search" "''topic123'':*") $order"
explain "Search, a word in every message (1M matches)" "$(printf "$search" "''lorem'':*") $order"
explain "Search, two words, one common, one rare" "$(printf "$search" "''lorem'':* & ''quokka'':*") $order"
explain "Search in one room, a word in every message" "$(printf "$search" "''lorem'':*") and m.room = 'room-500' $order"
explain "Search, next page after a cursor" "$(printf "$search" "''topic123'':*") and (m.created_at < now() - interval '500 seconds' or (m.created_at = now() - interval '500 seconds' and (m.room < 'room-1' or (m.room = 'room-1' and m.seq < 1)))) $order"
