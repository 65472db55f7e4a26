-- Full-text search (GET /api/search): every word of a query is a prefix match against this index.
-- 'simple' lower-cases and splits words without stemming, so every language is searched alike.
-- Versions in db/vendor/* are their database's alone; the shared migrations continue at V6.
create index chat_message_search on chat_message using gin (to_tsvector('simple', body));

-- Results come newest first. For a word that most messages have, walking this index from the
-- newest row and stopping after a page beats collecting every match and sorting it
-- (docs/benchmarks.md: 3.6 s without it at 1,000,000 messages). Appends at its end, like the
-- primary key, so it costs little on the write path.
create index chat_message_newest on chat_message (created_at desc, room desc, seq desc);
