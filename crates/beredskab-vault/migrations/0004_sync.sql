-- Sync with the central service: the device's enrollment (its credential
-- lives only here, inside the encrypted vault), the audit point the service
-- confirmed last, and the changes the service refused, with its reason.
CREATE TABLE sync_account (
    singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
    server_url      TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    unit            TEXT NOT NULL,
    credential      TEXT NOT NULL,
    enrolled_at     TEXT NOT NULL,
    confirmed_count INTEGER,
    confirmed_hash  TEXT,
    last_sync_at    TEXT
) STRICT;

CREATE TABLE sync_rejected (
    upload_id  TEXT PRIMARY KEY NOT NULL,
    concern_id TEXT NOT NULL REFERENCES concern (id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('conflict', 'rejected')),
    code       TEXT,
    at         TEXT NOT NULL
) STRICT;

CREATE INDEX sync_rejected_by_concern ON sync_rejected (concern_id);
