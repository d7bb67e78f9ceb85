//! Typed vault errors with stable codes; the words are chosen at the edge.

use crate::passphrase::Weakness;
use beredskab_domain::concern::{FieldCode, FieldProblem};
use beredskab_domain::serde_name::serde_name;
use serde::Serialize;
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Type, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum VaultErrorCode {
    VaultLocked,
    VaultMissing,
    VaultExists,
    VaultKeyMissing,
    VaultInUse,
    VaultTampered,
    PassphraseRequired,
    WrongPassphrase,
    WeakPassphrase,
    TooManyAttempts,
    VaultDamaged,
    VaultNewerVersion,
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
    #[error("the key file is missing")]
    KeyMissing { expected: String },
    #[error("the vault is open in another process")]
    InUse,
    #[error("the audit log is shorter or older than its seal")]
    Tampered,
    #[error("the passphrase is needed for this")]
    PassphraseRequired,
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("passphrase too weak")]
    WeakPassphrase(Weakness),
    #[error("too many attempts; retry in {0} s")]
    TooManyAttempts(u64),
    #[error("vault damaged: {0}")]
    Damaged(String),
    #[error("vault schema {found} is newer than this app knows ({known})")]
    NewerVersion { found: u32, known: u32 },
    #[error("invalid input: {} fields", .0.len())]
    InvalidInput(Vec<FieldProblem>),
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
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            // A page that fails its check is a damaged vault, whenever it is read.
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                VaultError::Damaged(e.to_string())
            }
            _ => VaultError::Storage(e.to_string()),
        }
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

impl From<beredskab_sqlite::MigrationError> for VaultError {
    fn from(e: beredskab_sqlite::MigrationError) -> Self {
        use beredskab_sqlite::MigrationError;
        match e {
            MigrationError::NewerSchema { found, known } => {
                VaultError::NewerVersion { found, known }
            }
            MigrationError::ChecksumMismatch { .. } | MigrationError::BadList => {
                VaultError::Damaged(e.to_string())
            }
            MigrationError::Sqlite(e) => e.into(),
        }
    }
}

impl VaultError {
    pub fn code(&self) -> VaultErrorCode {
        match self {
            VaultError::Locked => VaultErrorCode::VaultLocked,
            VaultError::Missing => VaultErrorCode::VaultMissing,
            VaultError::Exists => VaultErrorCode::VaultExists,
            VaultError::KeyMissing { .. } => VaultErrorCode::VaultKeyMissing,
            VaultError::InUse => VaultErrorCode::VaultInUse,
            VaultError::Tampered => VaultErrorCode::VaultTampered,
            VaultError::PassphraseRequired => VaultErrorCode::PassphraseRequired,
            VaultError::WrongPassphrase => VaultErrorCode::WrongPassphrase,
            VaultError::WeakPassphrase(_) => VaultErrorCode::WeakPassphrase,
            VaultError::TooManyAttempts(_) => VaultErrorCode::TooManyAttempts,
            VaultError::Damaged(_) => VaultErrorCode::VaultDamaged,
            VaultError::NewerVersion { .. } => VaultErrorCode::VaultNewerVersion,
            VaultError::InvalidInput(_) => VaultErrorCode::InvalidInput,
            VaultError::CprSuspected => VaultErrorCode::CprSuspected,
            VaultError::NotFound => VaultErrorCode::NotFound,
            VaultError::ConfirmationMismatch => VaultErrorCode::ConfirmationMismatch,
            VaultError::Storage(_) => VaultErrorCode::StoreFailed,
        }
    }

    /// Values for the message. Storage and damage details stay out: they may
    /// name paths, never personal data, but they help nobody in a meeting.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            VaultError::TooManyAttempts(seconds) => vec![("seconds", seconds.to_string())],
            VaultError::InvalidInput(fields) => vec![("count", fields.len().to_string())],
            VaultError::KeyMissing { expected } => vec![("path", expected.clone())],
            _ => Vec::new(),
        }
    }

    /// Where the words for this error are: its code's, or for a weak passphrase
    /// the words for that weakness, which say what to do instead.
    pub fn message_key(&self) -> String {
        match self {
            VaultError::WeakPassphrase(why) => format!("passphrase_weakness.{}", serde_name(why)),
            other => format!("vault_errors.{}", serde_name(&other.code())),
        }
    }

    pub fn fields(&self) -> &[FieldProblem] {
        match self {
            VaultError::InvalidInput(fields) => fields,
            _ => &[],
        }
    }

    /// One field out of range, e.g. idle minutes.
    pub fn out_of_range(field: &str, min: u32, max: u32) -> VaultError {
        VaultError::InvalidInput(vec![FieldProblem::new(field, FieldCode::OutOfRange)
            .with("min", min)
            .with("max", max)])
    }
}

pub type Result<T, E = VaultError> = std::result::Result<T, E>;
