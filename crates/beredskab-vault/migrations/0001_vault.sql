-- The vault: concern records with their revisions, the outbox for later sync,
-- and the hash-chained audit log. This file is encrypted by SQLCipher.
CREATE TABLE concern (
    id               TEXT PRIMARY KEY NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('kladde', 'registreret')),
    current_revision INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    synced_at        TEXT,
    -- Copied from the current revision so the list needs no JSON parsing.
    observed_on      TEXT,
    target_group     TEXT,
    age_band         TEXT,
    severity         TEXT,
    sign_count       INTEGER NOT NULL,
    follow_up        TEXT,
    case_ref         TEXT
) STRICT;

CREATE INDEX concern_by_update ON concern (updated_at DESC);

-- Revision 0 is the draft, overwritten as the user types; registering makes
-- revision 1, and every later edit a new revision, keeping the old ones.
CREATE TABLE concern_revision (
    concern_id TEXT NOT NULL REFERENCES concern (id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,
    saved_at   TEXT NOT NULL,
    data       TEXT NOT NULL,
    PRIMARY KEY (concern_id, revision)
) STRICT;

CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    concern_id TEXT NOT NULL REFERENCES concern (id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,
    queued_at  TEXT NOT NULL
) STRICT;

CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user      TEXT NOT NULL,
    device    TEXT NOT NULL,
    action    TEXT NOT NULL,
    record_id TEXT,
    purpose   TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;

-- The newest entry's hash and the count, so removing the last entries is detected too.
CREATE TABLE audit_head (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    count     INTEGER NOT NULL,
    hash      TEXT NOT NULL
) STRICT;

CREATE TABLE vault_settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
