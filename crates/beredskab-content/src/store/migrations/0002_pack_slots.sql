-- The pack in use and the one before it, each with the files it was read from,
-- so a later app that reads the stored form differently can read the files
-- again, and a pack that cannot be read is never silently replaced.
CREATE TABLE pack_slot (
    slot        TEXT PRIMARY KEY NOT NULL CHECK (slot IN ('current', 'previous')),
    source      TEXT NOT NULL CHECK (source IN ('embedded', 'folder', 'release')),
    version     TEXT NOT NULL,
    files       TEXT NOT NULL,
    json        TEXT NOT NULL,
    imported_at TEXT NOT NULL
) STRICT;

-- Packs stored before this migration kept no files: an empty list, which can
-- never validate, so only their JSON can bring them back.
INSERT INTO pack_slot (slot, source, version, files, json, imported_at)
    SELECT 'current', source, version, '{"files":[]}', json, imported_at FROM pack;

DROP TABLE pack;
