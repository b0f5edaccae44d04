-- 005: a trigram full-text index over citizen.search_text, so a search by
-- any part of a name or address reads only the matching rows. The store
-- keeps it in step with the citizen table (store-citizen.c), in the same
-- transaction as the change; no triggers, so trusted_schema can stay off.
CREATE VIRTUAL TABLE citizen_fts USING fts5(search_text, tokenize='trigram');
INSERT INTO citizen_fts(rowid, search_text) SELECT id, search_text FROM citizen;
