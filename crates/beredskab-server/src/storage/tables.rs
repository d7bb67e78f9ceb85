//! Every table both backends keep, column by column, as plain cells: what
//! `migrate-store` copies from SQLite to PostgreSQL and compares by hash.
//! The columns have the same names and meanings in both schemas; only the
//! types differ (SQLite's 0/1 is PostgreSQL's boolean).

use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    /// 0/1 in SQLite, boolean in PostgreSQL.
    Bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cell {
    Null,
    Text(String),
    Int(i64),
}

pub struct Table {
    pub name: &'static str,
    /// The primary key's columns: rows are read in this order and a copied
    /// row is recognised by it.
    pub key: &'static [&'static str],
    pub columns: &'static [(&'static str, Kind)],
}

use Kind::{Bool, Int, Text};

/// In an order that satisfies the foreign keys.
pub const TABLES: &[Table] = &[
    Table {
        name: "enrollment",
        key: &["code_hash"],
        columns: &[
            ("code_hash", Text),
            ("unit", Text),
            ("created_at", Int),
            ("expires_at", Int),
            ("used_at", Int),
            ("device_id", Text),
        ],
    },
    Table {
        name: "device",
        key: &["id"],
        columns: &[
            ("id", Text),
            ("name", Text),
            ("unit", Text),
            ("credential_hash", Text),
            ("status", Text),
            ("flag", Text),
            ("enrolled_at", Int),
            ("revoked_at", Int),
            ("last_sync_at", Int),
            ("anchor_count", Int),
            ("anchor_hash", Text),
            ("last_taken_at", Int),
        ],
    },
    Table {
        name: "device_anchor",
        key: &["device_id", "count"],
        columns: &[("device_id", Text), ("count", Int), ("hash", Text)],
    },
    Table {
        name: "upload",
        key: &["upload_id"],
        columns: &[
            ("upload_id", Text),
            ("device_id", Text),
            ("concern_id", Text),
            ("revision", Int),
            ("kind", Text),
            ("body_hash", Text),
            ("outcome", Text),
            ("code", Text),
            ("received_at", Int),
        ],
    },
    Table {
        name: "concern",
        key: &["id"],
        columns: &[
            ("id", Text),
            ("device_id", Text),
            ("unit", Text),
            ("revision", Int),
            ("deleted", Bool),
            ("observed_on", Text),
            ("recorder_role", Text),
            ("target_group", Text),
            ("age_band", Text),
            ("severity", Text),
            ("underretning_sent", Bool),
            ("contacted", Text),
            ("cards_followed", Text),
            ("updated_at", Int),
            ("case_stage", Text),
            ("signs", Text),
        ],
    },
    Table {
        name: "concern_revision",
        key: &["concern_id", "revision"],
        columns: &[
            ("concern_id", Text),
            ("revision", Int),
            ("upload_id", Text),
            ("content_hash", Text),
            ("body", Text),
            ("received_at", Int),
        ],
    },
    Table {
        name: "activity",
        key: &["id"],
        columns: &[
            ("id", Text),
            ("device_id", Text),
            ("unit", Text),
            ("revision", Int),
            ("deleted", Bool),
            ("activity_type", Text),
            ("held_on", Text),
            ("place_type", Text),
            ("pupils", Int),
            ("participants", Int),
            ("organisations", Int),
            ("updated_at", Int),
        ],
    },
    Table {
        name: "activity_revision",
        key: &["activity_id", "revision"],
        columns: &[
            ("activity_id", Text),
            ("revision", Int),
            ("upload_id", Text),
            ("content_hash", Text),
            ("body", Text),
            ("received_at", Int),
        ],
    },
    Table {
        name: "review",
        key: &["seq"],
        columns: &[
            ("seq", Int),
            ("upload_id", Text),
            ("device_id", Text),
            ("concern_id", Text),
            ("revision", Int),
            ("code", Text),
            ("body", Text),
            ("received_at", Int),
        ],
    },
    Table {
        name: "release",
        key: &["number"],
        columns: &[("number", Int), ("signed", Text), ("published_at", Int)],
    },
    Table {
        name: "service_log",
        key: &["seq"],
        columns: &[
            ("seq", Int),
            ("at", Int),
            ("actor", Text),
            ("action", Text),
            ("target", Text),
        ],
    },
    Table {
        name: "admin_token",
        key: &["token_hash"],
        columns: &[("token_hash", Text), ("label", Text), ("created_at", Int)],
    },
];

impl Table {
    pub fn column_list(&self) -> String {
        self.columns
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn select(&self) -> String {
        format!(
            "SELECT {} FROM {} ORDER BY {}",
            self.column_list(),
            self.name,
            self.key.join(", ")
        )
    }
}

/// One row's hash: the same for the same cells on either backend.
pub fn row_hash(row: &[Cell]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for cell in row {
        match cell {
            Cell::Null => hasher.update([0u8]),
            Cell::Int(n) => {
                hasher.update([1u8]);
                hasher.update(n.to_be_bytes());
            }
            Cell::Text(t) => {
                hasher.update([2u8]);
                hasher.update((t.len() as u64).to_be_bytes());
                hasher.update(t.as_bytes());
            }
        }
    }
    hasher.finalize().into()
}

/// A table's hash over its rows' hashes, in any order.
pub fn table_hash(rows: &[Vec<Cell>]) -> String {
    hash_of_rows(rows.iter().map(|r| row_hash(r)).collect())
}

/// A table's hash from its rows' hashes, in any order.
pub fn hash_of_rows(mut hashes: Vec<[u8; 32]>) -> String {
    hashes.sort_unstable();
    let mut hasher = Sha256::new();
    for h in &hashes {
        hasher.update(h);
    }
    hex::encode(hasher.finalize())
}
