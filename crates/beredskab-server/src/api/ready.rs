//! `/readyz`: ready only when the database answers, so a load balancer
//! sends no request to an instance whose store is gone.

use super::error::ApiError;
use super::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use beredskab_protocol::ErrorCode;

pub async fn ready(State(state): State<AppState>) -> Result<&'static str, ApiError> {
    state.storage.ping().await.map_err(|e| {
        tracing::warn!(error = %e, "not ready: the store does not answer");
        ApiError {
            retry_after: Some(5),
            ..ApiError::new(StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable)
        }
    })?;
    Ok("ready")
}
