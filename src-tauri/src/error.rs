//! The error every command returns: `{code, message, problems}` across IPC.

use beredskab_core::pack::Problem;
use beredskab_core::serde_name::serde_name;
use beredskab_core::CoreError;
use beredskab_vault::error::FieldError;
use beredskab_vault::VaultError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Serialize, TS)]
pub struct ApiError {
    /// A stable code the UI branches on (`snake_case`).
    pub code: String,
    pub message: String,
    /// Problems of a content pack, each with file, item and field.
    pub problems: Vec<Problem>,
    /// Problems of a concern form, each with its field.
    pub fields: Vec<FieldError>,
}

impl From<CoreError> for ApiError {
    fn from(error: CoreError) -> ApiError {
        ApiError {
            code: serde_name(&error.code()),
            message: error.user_message(),
            problems: error.problems().to_vec(),
            fields: Vec::new(),
        }
    }
}

impl From<VaultError> for ApiError {
    fn from(error: VaultError) -> ApiError {
        ApiError {
            code: serde_name(&error.code()),
            message: error.user_message(),
            problems: Vec::new(),
            fields: error.fields().to_vec(),
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
