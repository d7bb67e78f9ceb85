//! Typed errors of the content side. Each has a stable code that crosses IPC
//! and the CLI's JSON; the words are chosen at the edge.

use beredskab_domain::pack::Problem;
use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Type, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum ContentErrorCode {
    NotFound,
    PackInvalid,
    PackUnreadable,
    NotAFolder,
    StoreFailed,
    /// A release not newer than one this laptop already had (a replay).
    ReleaseNotNewer,
}

#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("not found: {kind} {id}")]
    NotFound { kind: &'static str, id: String },
    #[error("pack invalid: {} problems", problems.len())]
    PackInvalid { problems: Vec<Problem> },
    #[error("pack unreadable: {0}")]
    PackUnreadable(String),
    #[error("not a folder")]
    NotAFolder(String),
    #[error("store failed: {0}")]
    Store(#[from] rusqlite::Error),
    #[error("store migration failed: {0}")]
    Migration(#[from] beredskab_sqlite::MigrationError),
    #[error("store file failed: {0}")]
    StoreFile(String),
    #[error("store data failed: {0}")]
    StoreData(#[from] serde_json::Error),
    #[error("release {got} is not newer than release {have}")]
    ReleaseNotNewer { have: u32, got: u32 },
}

impl ContentError {
    pub fn code(&self) -> ContentErrorCode {
        match self {
            ContentError::NotFound { .. } => ContentErrorCode::NotFound,
            ContentError::PackInvalid { .. } => ContentErrorCode::PackInvalid,
            ContentError::PackUnreadable(_) => ContentErrorCode::PackUnreadable,
            ContentError::NotAFolder(_) => ContentErrorCode::NotAFolder,
            ContentError::ReleaseNotNewer { .. } => ContentErrorCode::ReleaseNotNewer,
            ContentError::Store(_)
            | ContentError::Migration(_)
            | ContentError::StoreFile(_)
            | ContentError::StoreData(_) => ContentErrorCode::StoreFailed,
        }
    }

    /// Values for the message. Store errors say nothing more: their detail
    /// belongs in a developer's log, not in front of a caseworker.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            ContentError::PackInvalid { problems } => vec![("count", problems.len().to_string())],
            ContentError::PackUnreadable(detail) => vec![("detail", detail.clone())],
            ContentError::NotAFolder(path) => vec![("path", path.clone())],
            ContentError::ReleaseNotNewer { have, got } => {
                vec![("have", have.to_string()), ("got", got.to_string())]
            }
            _ => Vec::new(),
        }
    }

    /// The store was written by a newer app: it is left untouched.
    pub fn is_newer_store(&self) -> bool {
        matches!(
            self,
            ContentError::Migration(beredskab_sqlite::MigrationError::NewerSchema { .. })
        )
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            ContentError::PackInvalid { problems } => problems,
            _ => &[],
        }
    }
}

pub type Result<T, E = ContentError> = std::result::Result<T, E>;
