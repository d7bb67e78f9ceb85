-- The outbox carries each change to the central service exactly once: every
-- queued change has its own upload id (UUIDv7) and is acknowledged by that id
-- alone. Deletions are queued too, so the outbox no longer cascades from the
-- concern it names.
CREATE TABLE outbox_v2 (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    upload_id  TEXT NOT NULL UNIQUE,
    concern_id TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('revision', 'deletion')),
    queued_at  TEXT NOT NULL,
    UNIQUE (concern_id, revision, kind)
) STRICT;

-- Rows queued before this migration get a UUIDv7 made from their queue time
-- (48-bit milliseconds) and random bits.
INSERT INTO outbox_v2 (seq, upload_id, concern_id, revision, kind, queued_at)
SELECT seq,
       lower(
           substr(printf('%012x', ms), 1, 8) || '-' || substr(printf('%012x', ms), 9, 4)
           || '-7' || substr(hex(randomblob(2)), 2, 3)
           || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2, 3)
           || '-' || hex(randomblob(6))
       ),
       concern_id, revision, 'revision', queued_at
FROM (SELECT seq, concern_id, revision, queued_at,
             CAST((julianday(queued_at) - 2440587.5) * 86400000 AS INTEGER) AS ms
      FROM outbox);

DROP TABLE outbox;
ALTER TABLE outbox_v2 RENAME TO outbox;
CREATE INDEX outbox_by_concern ON outbox (concern_id);
