//! The body of every failed request: a stable code and its arguments, so a
//! client can branch on the code and word the message in its own language.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The client speaks an older protocol than the server accepts (args: `min`).
    ClientTooOld,
    /// The client speaks a newer protocol than the server knows (args: `max`).
    ClientTooNew,
    /// The request names no protocol version.
    VersionMissing,
    /// No credential, or one the server does not know.
    Unauthenticated,
    /// The enrollment code is unknown, expired or already used (one answer
    /// for all three, so the code cannot be probed).
    EnrollmentRefused,
    /// This device was revoked: it must stop and wipe its concerns.
    DeviceRevoked,
    /// The device's audit log is shorter or older than the one it showed before.
    AuditRollback,
    /// The device's audit log differs from the one it showed before.
    AuditFork,
    /// The server needs the hash of the entry at `count` (args: `count`).
    AnchorCheck,
    /// A late copy of a request this device sent before newer ones (a retry
    /// overtook it): nothing was applied and the device is not flagged.
    StaleRequest,
    Forbidden,
    NotFound,
    /// Malformed JSON or a field out of bounds (args: `detail`).
    BadRequest,
    PayloadTooLarge,
    UnsupportedMediaType,
    /// Too many requests; wait `Retry-After` seconds.
    RateLimited,
    Unavailable,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: ErrorCode,
    #[serde(default)]
    pub args: BTreeMap<String, String>,
}

impl ErrorBody {
    pub fn new(code: ErrorCode) -> ErrorBody {
        ErrorBody {
            code,
            args: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> ErrorBody {
        self.args.insert(name.to_string(), value.to_string());
        self
    }
}
