-- 004: absences (the sick call) and the plan before the latest re-plan, so a
-- team leader can see which citizens got a new carer.
CREATE TABLE absence (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES user(id),
    day        TEXT NOT NULL,                 -- YYYY-MM-DD
    from_min   INTEGER NOT NULL CHECK (from_min BETWEEN 0 AND 1440),
    reason     TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES user(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (user_id, day)
);
CREATE INDEX absence_day ON absence(day);

ALTER TABLE plan_visit ADD COLUMN prev_carer1_id INTEGER REFERENCES user(id);
ALTER TABLE plan_visit ADD COLUMN prev_carer2_id INTEGER REFERENCES user(id);
