-- The yearly report's data: whether a concern is an inquiry or a citizen
-- case, the signs it names, and activities (workshops, courses, meetings) with their counts.
-- An activity's title stays on the laptop.

ALTER TABLE concern ADD COLUMN case_stage TEXT CHECK (case_stage IN ('henvendelse', 'borgersag'));
UPDATE concern SET case_stage = 'henvendelse' WHERE deleted = 0;
-- The ids of the signs seen (a JSON list), for the report's sign categories.
ALTER TABLE concern ADD COLUMN signs TEXT;
UPDATE concern SET signs = (
    SELECT json_extract(r.body, '$.signs') FROM concern_revision r
    WHERE r.concern_id = concern.id AND r.revision = concern.revision
) WHERE deleted = 0;

CREATE TABLE activity (
    id            TEXT PRIMARY KEY NOT NULL,
    device_id     TEXT NOT NULL REFERENCES device (id),
    unit          TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    deleted       INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    activity_type TEXT,
    held_on       TEXT,
    place_type    TEXT,
    pupils        INTEGER,
    participants  INTEGER,
    organisations INTEGER,
    updated_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE activity_revision (
    activity_id  TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    upload_id    TEXT NOT NULL REFERENCES upload (upload_id),
    content_hash TEXT NOT NULL,
    body         TEXT,
    received_at  INTEGER NOT NULL,
    PRIMARY KEY (activity_id, revision)
) STRICT;
