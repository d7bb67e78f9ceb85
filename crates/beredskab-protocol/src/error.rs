//! The body of every failed request: a stable code and its arguments, so a
//! client can branch on the code and word the message in its own language.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The client speaks an older protocol than the server accepts.
    ClientTooOld,
    /// The client speaks a newer protocol than the server knows.
    ClientTooNew,
    Unauthenticated,
    Forbidden,
    NotFound,
    BadRequest,
    PayloadTooLarge,
    Conflict,
    RateLimited,
    Unavailable,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
