-- 001: teams, staff, sessions, citizens and their network, the audit log.
CREATE TABLE team (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    office_address TEXT NOT NULL DEFAULT '',
    office_lat     REAL,
    office_lon     REAL
);

CREATE TABLE user (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin','visitator','planner','carer','nurse',
                                                'therapist','manager')),
    team_id       INTEGER REFERENCES team(id),
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    skills        INTEGER NOT NULL DEFAULT 0,      -- bit set over core/model.c skill_codes
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX user_team ON user(team_id);

-- A staff member's usual shifts, one row per weekday worked.
CREATE TABLE user_shift (
    user_id   INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
    end_min   INTEGER NOT NULL CHECK (end_min BETWEEN 1 AND 1440),
    PRIMARY KEY (user_id, weekday)
);

CREATE TABLE session (
    digest     TEXT PRIMARY KEY,                   -- BLAKE2b of the cookie token
    user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX session_user ON session(user_id);

-- Failed log-ins, keyed 'u:<username>' or 'a:<address>', for throttling.
CREATE TABLE login_failure (
    key TEXT NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX login_failure_key ON login_failure(key, at);

CREATE TABLE citizen (
    id             INTEGER PRIMARY KEY,
    cpr            TEXT NOT NULL UNIQUE CHECK (length(cpr) = 10),
    first_name     TEXT NOT NULL,
    last_name      TEXT NOT NULL,
    address        TEXT NOT NULL,
    postcode       TEXT NOT NULL,
    city           TEXT NOT NULL,
    lat            REAL,
    lon            REAL,
    phone          TEXT NOT NULL DEFAULT '',
    lives_alone    INTEGER NOT NULL DEFAULT 0,
    team_id        INTEGER NOT NULL REFERENCES team(id),
    coordinator_id INTEGER REFERENCES user(id),
    what_matters   TEXT NOT NULL DEFAULT '',
    get_up         INTEGER,
    breakfast      INTEGER,
    lunch          INTEGER,
    dinner         INTEGER,
    bedtime        INTEGER,
    rhythm_note    TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    -- lower-cased "first last address postcode city" for search
    search_text    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX citizen_team ON citizen(team_id);
CREATE INDEX citizen_name ON citizen(last_name, first_name);

-- Staff the citizen knows and can call (kontaktpersoner).
CREATE TABLE citizen_contact (
    citizen_id INTEGER NOT NULL REFERENCES citizen(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES user(id),
    PRIMARY KEY (citizen_id, user_id)
);

CREATE TABLE relative (
    id         INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizen(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    relation   TEXT NOT NULL,
    phone      TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    consent    INTEGER NOT NULL DEFAULT 0,
    is_network INTEGER NOT NULL DEFAULT 0,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX relative_citizen ON relative(citizen_id);

-- Every read and change of a citizen's record. Never updated or deleted.
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    user_id    INTEGER REFERENCES user(id),
    username   TEXT NOT NULL,
    role       TEXT NOT NULL,
    action     TEXT NOT NULL,
    citizen_id INTEGER REFERENCES citizen(id),
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_citizen ON audit(citizen_id, id);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
