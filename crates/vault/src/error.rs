//! Typed vault errors with stable codes for IPC; messages are for people.

use serde::Serialize;
use ts_rs::TS;

/// A problem with one field of a concern, for the form to show beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VaultErrorCode {
    VaultLocked,
    VaultMissing,
    VaultExists,
    WrongPassphrase,
    WeakPassphrase,
    TooManyAttempts,
    VaultDamaged,
    InvalidInput,
    CprSuspected,
    NotFound,
    ConfirmationMismatch,
    StoreFailed,
}

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("the vault is locked")]
    Locked,
    #[error("no vault has been set up")]
    Missing,
    #[error("a vault already exists")]
    Exists,
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("passphrase too short")]
    WeakPassphrase,
    #[error("too many attempts; retry in {0} s")]
    TooManyAttempts(u64),
    #[error("vault damaged: {0}")]
    Damaged(String),
    #[error("invalid input: {} fields", .0.len())]
    InvalidInput(Vec<FieldError>),
    #[error("the note may contain a CPR number")]
    CprSuspected,
    #[error("concern not found")]
    NotFound,
    #[error("the confirmation does not match")]
    ConfirmationMismatch,
    #[error("storage: {0}")]
    Storage(String),
}

impl From<rusqlite::Error> for VaultError {
    fn from(e: rusqlite::Error) -> Self {
        VaultError::Storage(e.to_string())
    }
}

impl From<std::io::Error> for VaultError {
    fn from(e: std::io::Error) -> Self {
        VaultError::Storage(e.to_string())
    }
}

impl From<serde_json::Error> for VaultError {
    fn from(e: serde_json::Error) -> Self {
        VaultError::Storage(e.to_string())
    }
}

impl VaultError {
    pub fn code(&self) -> VaultErrorCode {
        match self {
            VaultError::Locked => VaultErrorCode::VaultLocked,
            VaultError::Missing => VaultErrorCode::VaultMissing,
            VaultError::Exists => VaultErrorCode::VaultExists,
            VaultError::WrongPassphrase => VaultErrorCode::WrongPassphrase,
            VaultError::WeakPassphrase => VaultErrorCode::WeakPassphrase,
            VaultError::TooManyAttempts(_) => VaultErrorCode::TooManyAttempts,
            VaultError::Damaged(_) => VaultErrorCode::VaultDamaged,
            VaultError::InvalidInput(_) => VaultErrorCode::InvalidInput,
            VaultError::CprSuspected => VaultErrorCode::CprSuspected,
            VaultError::NotFound => VaultErrorCode::NotFound,
            VaultError::ConfirmationMismatch => VaultErrorCode::ConfirmationMismatch,
            VaultError::Storage(_) => VaultErrorCode::StoreFailed,
        }
    }

    /// The message for a person, in the active locale. Storage and damage
    /// details stay out of it: they may name paths, never personal data, but
    /// they help nobody in a meeting.
    pub fn user_message(&self) -> String {
        use beredskab_core::locale::{text, text_with};
        use beredskab_core::serde_name::serde_name;
        match self {
            VaultError::TooManyAttempts(seconds) => text_with(
                "vault_errors.too_many_attempts",
                &[("seconds", &seconds.to_string())],
            ),
            VaultError::InvalidInput(fields) => text_with(
                "vault_errors.invalid_input",
                &[("count", &fields.len().to_string())],
            ),
            other => text(&format!("vault_errors.{}", serde_name(&other.code()))),
        }
    }

    pub fn fields(&self) -> &[FieldError] {
        match self {
            VaultError::InvalidInput(fields) => fields,
            _ => &[],
        }
    }
}

pub type Result<T, E = VaultError> = std::result::Result<T, E>;
