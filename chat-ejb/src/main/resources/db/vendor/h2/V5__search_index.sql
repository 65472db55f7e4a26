-- The embedded database searches with LIKE and has no index for it; this version is PostgreSQL's
-- search index (db/vendor/postgresql), kept here so both databases count the same versions.
select 1;
