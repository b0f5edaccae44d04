-- 006: visit documentation on the carer's phone, observed changes, weights,
-- triage (green / yellow / red) with history, nutrition assessments (EVS) and
-- the tasks the rules raise.
--
-- Documentation is keyed by (day, service_id), the same key plan_visit has,
-- so it survives a re-plan (which replaces the plan_visit rows).
CREATE TABLE visit_doc (
    id          INTEGER PRIMARY KEY,
    day         TEXT NOT NULL,                 -- YYYY-MM-DD
    service_id  INTEGER NOT NULL REFERENCES grant_service(id),
    citizen_id  INTEGER NOT NULL REFERENCES citizen(id),
    team_id     INTEGER NOT NULL REFERENCES team(id),
    user_id     INTEGER REFERENCES user(id),    -- who documented last
    checkin_at  TEXT,                           -- ISO 8601 UTC
    checkout_at TEXT,
    outcome     TEXT CHECK (outcome IN ('done','not_done')),
    reason      TEXT NOT NULL DEFAULT ''        -- not done: not_home, refused, admitted, other
                CHECK (reason IN ('','not_home','refused','admitted','other')),
    note        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (day, service_id)
);
CREATE INDEX visit_doc_citizen ON visit_doc(citizen_id, day);

-- One row per submitted form (client-generated id), so a form sent again
-- after the network came back is stored once.
CREATE TABLE doc_submission (
    client_id  TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES user(id),
    citizen_id INTEGER NOT NULL REFERENCES citizen(id),
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

-- Observed changes (the change-form areas) and falls. Never updated.
CREATE TABLE observation (
    id          INTEGER PRIMARY KEY,
    citizen_id  INTEGER NOT NULL REFERENCES citizen(id),
    visit_doc_id INTEGER REFERENCES visit_doc(id),
    area        TEXT NOT NULL CHECK (area IN ('physical','home','daily','medicine',
                                              'mental_social','food_drink','fall')),
    serious     INTEGER NOT NULL DEFAULT 0,     -- marked serious, or a fall with injury
    note        TEXT NOT NULL DEFAULT '',
    user_id     INTEGER REFERENCES user(id),
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX observation_citizen ON observation(citizen_id, id);
CREATE TRIGGER observation_no_update BEFORE UPDATE ON observation
BEGIN SELECT RAISE(ABORT, 'observations are append-only'); END;

-- The weight series: hectograms (kg × 10) on a day.
CREATE TABLE weight (
    id          INTEGER PRIMARY KEY,
    citizen_id  INTEGER NOT NULL REFERENCES citizen(id),
    measured_on TEXT NOT NULL,                  -- YYYY-MM-DD
    hg          INTEGER NOT NULL CHECK (hg BETWEEN 200 AND 3000),
    planned     INTEGER NOT NULL DEFAULT 0,     -- a planned change (e.g. a diet), not a warning
    visit_doc_id INTEGER REFERENCES visit_doc(id),
    user_id     INTEGER REFERENCES user(id),
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX weight_citizen ON weight(citizen_id, measured_on, id);

-- Triage history: proposals (from a reported change) and decisions (by a
-- nurse or team leader). The current state is the latest decision; green
-- when there is none.
CREATE TABLE triage (
    id            INTEGER PRIMARY KEY,
    citizen_id    INTEGER NOT NULL REFERENCES citizen(id),
    kind          TEXT NOT NULL CHECK (kind IN ('proposed','decided')),
    level         TEXT NOT NULL CHECK (level IN ('green','yellow','red')),
    reason        TEXT NOT NULL DEFAULT '',
    action        TEXT NOT NULL DEFAULT '',     -- the action agreed
    follow_up_by  INTEGER REFERENCES user(id),  -- who follows up
    due_at        TEXT,                         -- when the follow-up is due (ISO UTC)
    observation_id INTEGER REFERENCES observation(id),
    user_id       INTEGER REFERENCES user(id),
    at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX triage_citizen ON triage(citizen_id, id);
CREATE TRIGGER triage_no_update BEFORE UPDATE ON triage
BEGIN SELECT RAISE(ABORT, 'triage history is append-only'); END;
CREATE TRIGGER triage_no_delete BEFORE DELETE ON triage
BEGIN SELECT RAISE(ABORT, 'triage history is append-only'); END;

-- Nutrition assessments (EVS): weight status, eating habits, risks, each
-- 0 / 1 / 2 or NULL (not known, counts as 2); score = the highest.
CREATE TABLE nutrition (
    id            INTEGER PRIMARY KEY,
    citizen_id    INTEGER NOT NULL REFERENCES citizen(id),
    assessed_on   TEXT NOT NULL,
    weight_status INTEGER CHECK (weight_status BETWEEN 0 AND 2),
    eating        INTEGER CHECK (eating BETWEEN 0 AND 2),
    risks         INTEGER CHECK (risks BETWEEN 0 AND 2),
    score         INTEGER NOT NULL CHECK (score BETWEEN 0 AND 2),
    plan          TEXT NOT NULL DEFAULT '',
    user_id       INTEGER REFERENCES user(id),
    at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX nutrition_citizen ON nutrition(citizen_id, assessed_on);

-- Tasks raised by the rules (core/rules.c). One row per rule instance
-- (citizen, rule, key); open until the rule no longer fires, then done.
CREATE TABLE care_task (
    id          INTEGER PRIMARY KEY,
    citizen_id  INTEGER NOT NULL REFERENCES citizen(id),
    team_id     INTEGER NOT NULL REFERENCES team(id),
    rule        TEXT NOT NULL,                  -- reweigh, triage_follow_up, reassessment, nutrition
    key         TEXT NOT NULL,                  -- which instance (a date, a triage or grant id)
    due_from    TEXT NOT NULL,                  -- ISO UTC: the window opens
    due_at      TEXT NOT NULL,                  -- ISO UTC: the task is overdue after this
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done')),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    done_at     TEXT,
    UNIQUE (citizen_id, rule, key)
);
CREATE INDEX care_task_team ON care_task(team_id, status, due_at);
CREATE INDEX care_task_citizen ON care_task(citizen_id, status);
