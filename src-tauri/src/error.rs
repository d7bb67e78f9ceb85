//! The error every command returns: `{code, message, problems}` across IPC.

use beredskab_core::pack::Problem;
use beredskab_core::{CoreError, ErrorCode};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Serialize, TS)]
pub struct ApiError {
    #[ts(type = "string")]
    pub code: ErrorCode,
    pub message: String,
    pub problems: Vec<Problem>,
}

impl From<CoreError> for ApiError {
    fn from(error: CoreError) -> ApiError {
        ApiError {
            code: error.code(),
            message: error.user_message(),
            problems: error.problems().to_vec(),
        }
    }
}

impl ApiError {
    /// A poisoned lock means a command panicked earlier; report it as a store failure.
    pub fn busy() -> ApiError {
        CoreError::StoreFile("state lock poisoned".into()).into()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
