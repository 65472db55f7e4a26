-- Full-text search (GET /api/search): every word of a query is a prefix match against this index.
-- 'simple' lower-cases and splits words without stemming, so every language is searched alike.
-- Versions in db/vendor/* are their database's alone; the shared migrations continue at V6.
create index chat_message_search on chat_message using gin (to_tsvector('simple', body));
