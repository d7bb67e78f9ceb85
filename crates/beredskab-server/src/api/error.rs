//! Every failed request answers with a status and `{code, args}`; the code is
//! what a client branches on. Internal details go to the log, never the body.

use crate::storage::StorageError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use beredskab_protocol::{ErrorBody, ErrorCode};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: ErrorCode) -> ApiError {
        ApiError {
            status,
            body: ErrorBody::new(code),
            retry_after: None,
        }
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> ApiError {
        self.body = self.body.with(name, value);
        self
    }

    pub fn bad_request(detail: &str) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::BadRequest).with("detail", detail)
    }

    pub fn unauthenticated() -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated)
    }

    pub fn not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, ErrorCode::NotFound)
    }

    /// Something that should not happen, e.g. a stored release that no longer reads.
    pub fn internal() -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal)
    }

    pub fn rate_limited(seconds: u64) -> ApiError {
        ApiError {
            retry_after: Some(seconds),
            ..ApiError::new(StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited)
        }
    }
}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> ApiError {
        match e {
            StorageError::EnrollmentRefused => {
                ApiError::new(StatusCode::FORBIDDEN, ErrorCode::EnrollmentRefused)
            }
            StorageError::DeviceRevoked => {
                ApiError::new(StatusCode::FORBIDDEN, ErrorCode::DeviceRevoked)
            }
            StorageError::AuditRollback => {
                ApiError::new(StatusCode::CONFLICT, ErrorCode::AuditRollback)
            }
            StorageError::AuditFork => ApiError::new(StatusCode::CONFLICT, ErrorCode::AuditFork),
            StorageError::StaleRequest => {
                ApiError::new(StatusCode::CONFLICT, ErrorCode::StaleRequest)
            }
            StorageError::AnchorCheck(point) => {
                ApiError::new(StatusCode::CONFLICT, ErrorCode::AnchorCheck)
                    .with("count", point.count)
            }
            StorageError::ReleaseExists(_) => {
                ApiError::new(StatusCode::CONFLICT, ErrorCode::BadRequest)
            }
            other => {
                tracing::error!(error = %other, "storage failed");
                ApiError {
                    retry_after: Some(5),
                    ..ApiError::new(StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable)
                }
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if let Some(seconds) = self.retry_after {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
