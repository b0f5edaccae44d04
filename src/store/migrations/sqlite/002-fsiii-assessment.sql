-- 002: the FSIII code system as versioned data, assessments of function and
-- health conditions, and the citizen's goals. No FSIII code is written here:
-- codes come from an imported CodeSystem file (omsorg fsiii-import).

-- One row per imported version of the code system (url + version from the
-- FHIR CodeSystem). The current version is the highest version string
-- (FSIII versions are dates, YYYYMMDD).
CREATE TABLE fsiii_version (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL,
    version       TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    concept_count INTEGER NOT NULL,            -- concepts of the letter-code tree
    imported_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (url, version)
);

-- The letter-code tree (A … J) of one version: code, Danish display, parent
-- (NULL for a top group), top group letter, depth (0 = top group), KL's
-- definition, and the position in a natural-order walk of the tree.
CREATE TABLE fsiii_concept (
    version_id  INTEGER NOT NULL REFERENCES fsiii_version(id),
    code        TEXT NOT NULL,
    display     TEXT NOT NULL,
    parent_code TEXT,
    top_group   TEXT NOT NULL,
    depth       INTEGER NOT NULL CHECK (depth >= 0),
    definition  TEXT NOT NULL DEFAULT '',
    ordinal     INTEGER NOT NULL,
    PRIMARY KEY (version_id, code)
) WITHOUT ROWID;
CREATE INDEX fsiii_concept_group ON fsiii_concept(version_id, top_group, ordinal);

-- A dated assessment of a citizen by a visitator, made with one version of
-- the code system. Never updated: a new assessment is a new row set.
CREATE TABLE assessment (
    id          INTEGER PRIMARY KEY,
    citizen_id  INTEGER NOT NULL REFERENCES citizen(id),
    version_id  INTEGER NOT NULL REFERENCES fsiii_version(id),
    assessed_on TEXT NOT NULL,                 -- YYYY-MM-DD
    assessor_id INTEGER NOT NULL REFERENCES user(id),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX assessment_citizen ON assessment(citizen_id, assessed_on, id);

-- A functional condition (group J) in an assessment: the professional's
-- current and expected level on the 0–4 scale (9 = not relevant), the
-- citizen's own view (performance, importance: codes of groups C and D),
-- and FSIII's note: need, cause, symptoms.
CREATE TABLE assessment_function (
    assessment_id  INTEGER NOT NULL REFERENCES assessment(id),
    code           TEXT NOT NULL,
    current_level  INTEGER NOT NULL CHECK (current_level BETWEEN 0 AND 4 OR current_level = 9),
    expected_level INTEGER CHECK (expected_level BETWEEN 0 AND 4 OR expected_level = 9),
    performance    TEXT NOT NULL DEFAULT '',
    importance     TEXT NOT NULL DEFAULT '',
    need           TEXT NOT NULL DEFAULT '',
    cause          TEXT NOT NULL DEFAULT '',
    symptoms       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, code)
) WITHOUT ROWID;

-- A health condition (group I) marked relevant in an assessment, with a note.
CREATE TABLE assessment_health (
    assessment_id INTEGER NOT NULL REFERENCES assessment(id),
    code          TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, code)
) WITHOUT ROWID;

-- Assessments are kept as they were made.
CREATE TRIGGER assessment_no_update BEFORE UPDATE ON assessment
BEGIN SELECT RAISE(ABORT, 'assessments are never changed'); END;
CREATE TRIGGER assessment_no_delete BEFORE DELETE ON assessment
BEGIN SELECT RAISE(ABORT, 'assessments are never deleted'); END;
CREATE TRIGGER assessment_function_no_update BEFORE UPDATE ON assessment_function
BEGIN SELECT RAISE(ABORT, 'assessments are never changed'); END;
CREATE TRIGGER assessment_function_no_delete BEFORE DELETE ON assessment_function
BEGIN SELECT RAISE(ABORT, 'assessments are never deleted'); END;
CREATE TRIGGER assessment_health_no_update BEFORE UPDATE ON assessment_health
BEGIN SELECT RAISE(ABORT, 'assessments are never changed'); END;
CREATE TRIGGER assessment_health_no_delete BEFORE DELETE ON assessment_health
BEGIN SELECT RAISE(ABORT, 'assessments are never deleted'); END;

-- The citizen's goal in their own words, linked to conditions (codes of
-- groups I or J), with what should happen to them and when to follow up.
-- goal_type and status are omsorg's stable identifiers (core/assessment.h).
CREATE TABLE goal (
    id             INTEGER PRIMARY KEY,
    citizen_id     INTEGER NOT NULL REFERENCES citizen(id),
    text           TEXT NOT NULL,
    goal_type      TEXT NOT NULL CHECK (goal_type IN ('disappear','lessen','maintain')),
    follow_up_on   TEXT NOT NULL,              -- YYYY-MM-DD
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','reached','not_reached')),
    status_note    TEXT NOT NULL DEFAULT '',
    followed_up_at TEXT,
    followed_up_by INTEGER REFERENCES user(id),
    created_by     INTEGER NOT NULL REFERENCES user(id),
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX goal_citizen ON goal(citizen_id, id);

CREATE TABLE goal_condition (
    goal_id INTEGER NOT NULL REFERENCES goal(id),
    code    TEXT NOT NULL,
    PRIMARY KEY (goal_id, code)
);
