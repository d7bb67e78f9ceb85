-- The central service's store. Encrypted by SQLCipher with the key from the
-- service's 0600 key file. Concerns hold only counted fields: the note and
-- the case reference never leave the laptop.

CREATE TABLE enrollment (
    code_hash  TEXT PRIMARY KEY NOT NULL,
    unit       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    device_id  TEXT
) STRICT;

CREATE TABLE device (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    unit            TEXT NOT NULL,
    credential_hash TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL CHECK (status IN ('active', 'revoked', 'flagged')),
    flag            TEXT,
    enrolled_at     INTEGER NOT NULL,
    revoked_at      INTEGER,
    last_sync_at    INTEGER,
    anchor_count    INTEGER,
    anchor_hash     TEXT
) STRICT;

-- Every upload id ever seen, with the answer it got.
CREATE TABLE upload (
    upload_id   TEXT PRIMARY KEY NOT NULL,
    device_id   TEXT NOT NULL REFERENCES device (id),
    concern_id  TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('revision', 'deletion')),
    body_hash   TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('stored', 'duplicate', 'conflict', 'rejected')),
    code        TEXT,
    received_at INTEGER NOT NULL
) STRICT;

-- The current state of each record, with the counted fields of its head revision.
CREATE TABLE concern (
    id                TEXT PRIMARY KEY NOT NULL,
    device_id         TEXT NOT NULL REFERENCES device (id),
    unit              TEXT NOT NULL,
    revision          INTEGER NOT NULL,
    deleted           INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    observed_on       TEXT,
    recorder_role     TEXT,
    target_group      TEXT,
    age_band          TEXT,
    severity          TEXT,
    underretning_sent INTEGER,
    contacted         TEXT,
    cards_followed    TEXT,
    updated_at        INTEGER NOT NULL
) STRICT;

-- Every stored revision as it arrived.
CREATE TABLE concern_revision (
    concern_id   TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    upload_id    TEXT NOT NULL REFERENCES upload (upload_id),
    content_hash TEXT NOT NULL,
    body         TEXT,
    received_at  INTEGER NOT NULL,
    PRIMARY KEY (concern_id, revision)
) STRICT;

-- Uploads a person must look at.
CREATE TABLE review (
    seq         INTEGER PRIMARY KEY,
    upload_id   TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    concern_id  TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    code        TEXT NOT NULL,
    body        TEXT NOT NULL,
    received_at INTEGER NOT NULL
) STRICT;

CREATE INDEX review_by_concern ON review (concern_id);

CREATE TABLE release (
    number       INTEGER PRIMARY KEY NOT NULL,
    signed       TEXT NOT NULL,
    published_at INTEGER NOT NULL
) STRICT;

CREATE TABLE service_log (
    seq    INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL
) STRICT;
