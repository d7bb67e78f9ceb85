//! Typed errors of the core. Each has a stable `code` that crosses IPC and the
//! CLI's JSON as `{code, message}`; the UI branches on the code.

use crate::locale::{text, text_with};
use crate::pack::Problem;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    PackInvalid,
    PackUnreadable,
    StoreFailed,
    InvalidInput,
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("not found: {kind} {id}")]
    NotFound { kind: &'static str, id: String },
    #[error("pack invalid: {} problems", problems.len())]
    PackInvalid { problems: Vec<Problem> },
    #[error("pack unreadable: {0}")]
    PackUnreadable(String),
    #[error("store failed: {0}")]
    Store(#[from] rusqlite::Error),
    #[error("store file failed: {0}")]
    StoreFile(String),
    #[error("store data failed: {0}")]
    StoreData(#[from] serde_json::Error),
    #[error("invalid input: {0}")]
    InvalidInput(String),
}

impl CoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::PackInvalid { .. } => ErrorCode::PackInvalid,
            CoreError::PackUnreadable(_) => ErrorCode::PackUnreadable,
            CoreError::Store(_) | CoreError::StoreFile(_) | CoreError::StoreData(_) => {
                ErrorCode::StoreFailed
            }
            CoreError::InvalidInput(_) => ErrorCode::InvalidInput,
        }
    }

    /// The message for a person, in the active locale. Store errors stay generic:
    /// their detail belongs in a developer's log, not in front of a caseworker.
    pub fn user_message(&self) -> String {
        match self {
            CoreError::NotFound { .. } => text("errors.not_found"),
            CoreError::PackInvalid { problems } => text_with(
                "errors.pack_invalid",
                &[("count", &problems.len().to_string())],
            ),
            CoreError::PackUnreadable(detail) => {
                text_with("errors.pack_unreadable", &[("detail", detail)])
            }
            CoreError::Store(_) | CoreError::StoreFile(_) | CoreError::StoreData(_) => {
                text("errors.store_failed")
            }
            CoreError::InvalidInput(detail) => {
                text_with("errors.invalid_input", &[("detail", detail)])
            }
        }
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            CoreError::PackInvalid { problems } => problems,
            _ => &[],
        }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
