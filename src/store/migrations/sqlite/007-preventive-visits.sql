-- 007: preventive home visits (forebyggende hjemmebesøg): the municipality's
-- rules, the særlig-risiko marker per citizen, and one visit per citizen and
-- year (invitation, booking, outcome).
CREATE TABLE prevention_settings (
    id                INTEGER PRIMARY KEY CHECK (id = 1),  -- one municipality per database
    municipality      TEXT NOT NULL DEFAULT 'Herlev Kommune',
    phone             TEXT NOT NULL DEFAULT '44 52 70 00',
    year_mode         TEXT NOT NULL DEFAULT 'calendar' CHECK (year_mode IN ('calendar','birthday')),
    lives_alone_age   INTEGER NOT NULL DEFAULT 70,   -- 0 = rule off
    ages              TEXT NOT NULL DEFAULT '75,80', -- everyone in the year they turn these
    every_year_from   INTEGER NOT NULL DEFAULT 82,   -- 0 = rule off
    risk_from         INTEGER NOT NULL DEFAULT 65,   -- 0 = rule off
    risk_to           INTEGER NOT NULL DEFAULT 81,
    exclude_full_help INTEGER NOT NULL DEFAULT 1,    -- not those with personal and practical help
    version           INTEGER NOT NULL DEFAULT 1,
    updated_by        INTEGER REFERENCES user(id),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
INSERT INTO prevention_settings (id) VALUES (1);

-- Særlig risiko (e.g. recently widowed): one marker per citizen, removed when
-- it no longer applies.
CREATE TABLE citizen_risk (
    citizen_id INTEGER PRIMARY KEY REFERENCES citizen(id) ON DELETE CASCADE,
    reason     TEXT NOT NULL,
    since      TEXT NOT NULL,                  -- YYYY-MM-DD
    created_by INTEGER REFERENCES user(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE preventive_visit (
    id            INTEGER PRIMARY KEY,
    citizen_id    INTEGER NOT NULL REFERENCES citizen(id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('invited','accepted','booked','held',
                                                  'declined','referred')),
    rule          TEXT NOT NULL DEFAULT '',    -- why the citizen was invited
    proposed_date TEXT,                        -- in the invitation letter
    proposed_min  INTEGER,
    booked_date   TEXT,
    booked_min    INTEGER,
    staff_id      INTEGER REFERENCES user(id), -- who visits
    referral      TEXT NOT NULL DEFAULT '',    -- e.g. training, a nutrition offer
    note          TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    updated_by    INTEGER REFERENCES user(id),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (citizen_id, year)
);
CREATE INDEX preventive_visit_year ON preventive_visit(year);
