-- Activities (workshops, trainings, rights courses, network meetings, pilot
-- sessions): counts and a short title, never a participant's name. They go
-- to the central service through the same outbox as concerns; the title
-- stays here.
CREATE TABLE activity (
    id               TEXT PRIMARY KEY NOT NULL,
    current_revision INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    synced_at        TEXT,
    -- The service's reason when it refused the current revision.
    sync_code        TEXT
) STRICT;

CREATE TABLE activity_revision (
    activity_id TEXT NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    saved_at    TEXT NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (activity_id, revision)
) STRICT;

-- Which kind of record a queued change belongs to (its id is in concern_id).
ALTER TABLE outbox ADD COLUMN record TEXT NOT NULL DEFAULT 'concern'
    CHECK (record IN ('concern', 'activity'));
