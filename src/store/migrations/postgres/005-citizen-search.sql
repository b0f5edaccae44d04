-- 005 (PostgreSQL 15): a trigram index over citizen.search_text (pg_trgm), so
-- a search by any part of a name or address reads only the matching rows
-- (SQLite: an FTS5 trigram table the store keeps in step; here the index
-- follows the column by itself). pg_trgm is a trusted extension: the
-- database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX citizen_search ON citizen USING gin (search_text gin_trgm_ops);
