//! Every API request names its protocol version; the server answers a client
//! it no longer speaks with a typed error the app can explain.

use super::error::ApiError;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use beredskab_protocol::{ErrorCode, MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, VERSION_HEADER};

pub async fn require_version(request: Request, next: Next) -> Response {
    let version = request
        .headers()
        .get(VERSION_HEADER)
        .map(|v| v.to_str().ok().and_then(|s| s.trim().parse::<u32>().ok()));
    match version {
        None => ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::VersionMissing).into_response(),
        Some(None) => ApiError::bad_request("bad_version_header").into_response(),
        Some(Some(v)) if v < MIN_PROTOCOL_VERSION => {
            ApiError::new(StatusCode::UPGRADE_REQUIRED, ErrorCode::ClientTooOld)
                .with("min", MIN_PROTOCOL_VERSION)
                .into_response()
        }
        Some(Some(v)) if v > PROTOCOL_VERSION => {
            ApiError::new(StatusCode::BAD_REQUEST, ErrorCode::ClientTooNew)
                .with("max", PROTOCOL_VERSION)
                .into_response()
        }
        Some(Some(_)) => next.run(request).await,
    }
}
