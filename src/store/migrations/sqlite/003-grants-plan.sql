-- 003: grants (decisions) with services and history, and the day plan.
-- A grant moves draft → decided → sent → changed / ended / appealed; every
-- change of status or content is a row in grant_event.
CREATE TABLE grants (
    id             INTEGER PRIMARY KEY,
    citizen_id     INTEGER NOT NULL REFERENCES citizen(id),
    kind           TEXT NOT NULL CHECK (kind IN ('rehabilitation','helhedspleje','services',
                                                 'refusal')),
    status         TEXT NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft','decided','sent','changed','ended','appealed')),
    requested      TEXT NOT NULL DEFAULT '',   -- what the citizen asked for, in plain words
    reason         TEXT NOT NULL DEFAULT '',   -- why it is granted or refused
    goals          TEXT NOT NULL DEFAULT '',   -- the goals of the help, in the citizen's words
    start_date     TEXT NOT NULL,              -- YYYY-MM-DD
    end_date       TEXT,                       -- rehabilitation courses end
    follow_up_date TEXT,
    weekly_minutes INTEGER,                    -- helhedspleje: the weekly frame
    contact_id     INTEGER REFERENCES user(id),
    version        INTEGER NOT NULL DEFAULT 1,
    created_by     INTEGER REFERENCES user(id),
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    decided_at     TEXT,
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX grants_citizen ON grants(citizen_id);

-- A recurring visit a grant gives: which weekdays, when (anchored to the
-- citizen's daily rhythm or at a fixed time), how long, which skill, 1 or 2 carers.
CREATE TABLE grant_service (
    id            INTEGER PRIMARY KEY,
    grant_id      INTEGER NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    code          TEXT NOT NULL DEFAULT '',    -- FSIII intervention code, e.g. H1.1
    label         TEXT NOT NULL,
    weekdays      INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127), -- bit 0 = Monday
    anchor        TEXT NOT NULL CHECK (anchor IN ('get_up','breakfast','lunch','dinner',
                                                  'bedtime','fixed')),
    at_min        INTEGER,                     -- for anchor = fixed
    offset_min    INTEGER NOT NULL DEFAULT 0,  -- start relative to the anchor
    flex_min      INTEGER NOT NULL DEFAULT 30, -- window half-width
    duration      INTEGER NOT NULL CHECK (duration BETWEEN 5 AND 240),
    skill         TEXT NOT NULL,
    carers        INTEGER NOT NULL DEFAULT 1 CHECK (carers IN (1, 2))
);
CREATE INDEX grant_service_grant ON grant_service(grant_id);

CREATE TABLE grant_event (
    id          INTEGER PRIMARY KEY,
    grant_id    INTEGER NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    user_id     INTEGER REFERENCES user(id),
    status_from TEXT,
    status_to   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX grant_event_grant ON grant_event(grant_id, id);

-- The day plan: one row per visit a service gives on a day, with the
-- carer(s) and start time the engine (or a planner by hand) chose.
CREATE TABLE plan_visit (
    id           INTEGER PRIMARY KEY,
    day          TEXT NOT NULL,                -- YYYY-MM-DD
    service_id   INTEGER NOT NULL REFERENCES grant_service(id) ON DELETE CASCADE,
    citizen_id   INTEGER NOT NULL REFERENCES citizen(id),
    team_id      INTEGER NOT NULL REFERENCES team(id),
    window_start INTEGER NOT NULL,
    window_end   INTEGER NOT NULL,
    duration     INTEGER NOT NULL,
    skill        TEXT NOT NULL,
    carers       INTEGER NOT NULL,
    carer1_id    INTEGER REFERENCES user(id),
    carer2_id    INTEGER REFERENCES user(id),
    start_min    REAL,
    reason       TEXT NOT NULL DEFAULT '',     -- why unassigned, when it is
    manual       INTEGER NOT NULL DEFAULT 0,   -- moved by hand
    UNIQUE (day, service_id)
);
CREATE INDEX plan_visit_day ON plan_visit(day, team_id);
CREATE INDEX plan_visit_carer ON plan_visit(day, carer1_id);
CREATE INDEX plan_visit_citizen ON plan_visit(citizen_id, day);

-- One row per planning run, with the day's figures.
CREATE TABLE plan_run (
    id            INTEGER PRIMARY KEY,
    day           TEXT NOT NULL,
    team_id       INTEGER NOT NULL REFERENCES team(id),
    at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    user_id       INTEGER REFERENCES user(id),
    seconds       REAL NOT NULL,
    visits        INTEGER NOT NULL,
    unassigned    INTEGER NOT NULL,
    travel        REAL NOT NULL,
    known_carer   INTEGER NOT NULL,            -- visits served by a carer the citizen knows
    outside_window INTEGER NOT NULL
);
