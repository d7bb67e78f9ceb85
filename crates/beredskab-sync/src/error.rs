//! What can go wrong in a sync, as a code the app words in Danish with what
//! to do. The service's own codes pass through where the user can act on them.

use beredskab_content::{ContentError, ContentErrorCode};
use beredskab_protocol::{ErrorBody, ErrorCode, ReleaseError};
use beredskab_vault::VaultError;
use serde::Serialize;
use specta::Type;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the service cannot be reached")]
    Offline,
    #[error("the service answered {status}: {:?}", body.code)]
    Service {
        status: u16,
        body: ErrorBody,
        retry_after: Option<Duration>,
    },
    #[error("the service's answer could not be read")]
    BadAnswer,
    #[error("the server address is not a valid https address (http only for this computer)")]
    BadAddress,
    #[error("this laptop is not enrolled")]
    NotEnrolled,
    #[error("the service revoked this laptop; {unsent} changes never arrived")]
    Revoked { unsent: i64 },
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error(transparent)]
    Release(#[from] ReleaseError),
    #[error("the sync was interrupted")]
    Interrupted,
    #[error("a file of this app could not be written")]
    LocalFile(#[source] std::io::Error),
}

/// The codes the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum SyncErrorCode {
    Offline,
    ServiceUnavailable,
    ServiceRefused,
    ClientTooOld,
    BadAddress,
    NotEnrolled,
    EnrollmentRefused,
    DeviceRevoked,
    AuditRollback,
    AuditFork,
    VaultLocked,
    VaultFailed,
    ReleaseUntrusted,
    ReleaseTampered,
    ReleaseNotNewer,
    ReleaseInvalid,
    ContentFailed,
    LocalFailed,
}

impl SyncError {
    pub fn code(&self) -> SyncErrorCode {
        match self {
            SyncError::Offline | SyncError::Interrupted => SyncErrorCode::Offline,
            SyncError::BadAnswer => SyncErrorCode::ServiceUnavailable,
            SyncError::Service { body, .. } => match body.code {
                ErrorCode::ClientTooOld => SyncErrorCode::ClientTooOld,
                ErrorCode::EnrollmentRefused => SyncErrorCode::EnrollmentRefused,
                ErrorCode::DeviceRevoked => SyncErrorCode::DeviceRevoked,
                ErrorCode::AuditRollback => SyncErrorCode::AuditRollback,
                ErrorCode::AuditFork => SyncErrorCode::AuditFork,
                ErrorCode::Unauthenticated => SyncErrorCode::NotEnrolled,
                ErrorCode::Unavailable | ErrorCode::RateLimited | ErrorCode::Internal => {
                    SyncErrorCode::ServiceUnavailable
                }
                _ => SyncErrorCode::ServiceRefused,
            },
            SyncError::BadAddress => SyncErrorCode::BadAddress,
            SyncError::NotEnrolled => SyncErrorCode::NotEnrolled,
            SyncError::Revoked { .. } => SyncErrorCode::DeviceRevoked,
            SyncError::Vault(VaultError::Locked) => SyncErrorCode::VaultLocked,
            SyncError::Vault(_) => SyncErrorCode::VaultFailed,
            SyncError::Content(e) => match e.code() {
                ContentErrorCode::ReleaseNotNewer => SyncErrorCode::ReleaseNotNewer,
                ContentErrorCode::PackInvalid => SyncErrorCode::ReleaseInvalid,
                _ => SyncErrorCode::ContentFailed,
            },
            SyncError::Release(ReleaseError::UnknownKey { .. } | ReleaseError::BadKey) => {
                SyncErrorCode::ReleaseUntrusted
            }
            SyncError::Release(ReleaseError::NotNewer { .. }) => SyncErrorCode::ReleaseNotNewer,
            SyncError::Release(_) => SyncErrorCode::ReleaseTampered,
            SyncError::LocalFile(_) => SyncErrorCode::LocalFailed,
        }
    }

    /// Values for the message: never content, only counts and numbers.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            SyncError::Revoked { unsent } => vec![("unsent", unsent.to_string())],
            SyncError::Service { body, .. } => body
                .args
                .iter()
                .filter(|(k, _)| matches!(k.as_str(), "min" | "max"))
                .map(|(k, v)| (if k == "min" { "min" } else { "max" }, v.clone()))
                .collect(),
            SyncError::Release(ReleaseError::NotNewer { have, got }) => {
                vec![("have", have.to_string()), ("got", got.to_string())]
            }
            SyncError::Content(e) => e.args(),
            _ => Vec::new(),
        }
    }

    /// Worth trying again soon: the network or a busy service, not a refusal.
    pub fn is_transient(&self) -> bool {
        match self {
            SyncError::Offline | SyncError::BadAnswer => true,
            SyncError::Service { status, body, .. } => {
                *status >= 500
                    || matches!(body.code, ErrorCode::RateLimited | ErrorCode::Unavailable)
            }
            _ => false,
        }
    }

    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            SyncError::Service { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    pub fn service_code(&self) -> Option<ErrorCode> {
        match self {
            SyncError::Service { body, .. } => Some(body.code),
            _ => None,
        }
    }
}
