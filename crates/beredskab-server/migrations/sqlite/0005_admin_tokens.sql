-- Tokens for the administration's reads over HTTP (the yearly report for a
-- dashboard). Only the SHA-256 of each token is kept, with who it is for.
CREATE TABLE admin_token (
    token_hash TEXT PRIMARY KEY NOT NULL,
    label      TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
