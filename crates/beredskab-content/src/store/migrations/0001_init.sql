-- The app's local store: settings, the pack in use (kept as the last good pack)
-- and its search index. Content only: no personal data lives in this file.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE pack (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    source      TEXT NOT NULL CHECK (source IN ('embedded', 'folder')),
    version     TEXT NOT NULL,
    json        TEXT NOT NULL,
    imported_at TEXT NOT NULL
) STRICT;

-- Title and body hold folded, stemmed words prepared in Rust (search::index_text),
-- so the tokenizer only splits on spaces and must keep æ, ø and å as they are.
CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    item_id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 0'
);
