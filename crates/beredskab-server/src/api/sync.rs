use super::auth::Authed;
use super::error::{ApiError, ApiResult};
use super::json::Body;
use super::state::AppState;
use axum::extract::State;
use axum::Json;
use beredskab_protocol::{ErrorBody, SyncRequest, SyncResponse, MAX_BATCH_ITEMS};
use chrono::Utc;

/// The device's audit anchor and a batch of queued changes; an outcome per change.
#[utoipa::path(
    post,
    path = "/api/v1/sync",
    tag = "sync",
    request_body = SyncRequest,
    params(("x-beredskab-protocol" = u32, Header, description = "Protocol version")),
    security(("device" = [])),
    responses(
        (status = 200, description = "Every item decided", body = SyncResponse),
        (status = 400, description = "Malformed request or too many items", body = ErrorBody),
        (status = 401, description = "No or unknown credential", body = ErrorBody),
        (status = 403, description = "Device revoked", body = ErrorBody),
        (status = 409, description = "Audit log rolled back or forked, or a check is needed", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 426, description = "Client too old", body = ErrorBody),
        (status = 503, description = "Storage unavailable; see Retry-After", body = ErrorBody),
    )
)]
pub async fn sync(
    State(state): State<AppState>,
    Authed(device): Authed,
    Body(request): Body<SyncRequest>,
) -> ApiResult<Json<SyncResponse>> {
    if request.items.len() > MAX_BATCH_ITEMS {
        return Err(ApiError::bad_request("too_many_items").with("max", MAX_BATCH_ITEMS));
    }
    if request.anchor.head.hash.len() > 128
        || request
            .anchor
            .confirmed
            .as_ref()
            .is_some_and(|p| p.hash.len() > 128)
    {
        return Err(ApiError::bad_request("anchor"));
    }
    let outcome = state
        .storage
        .sync(&device, &request.anchor, &request.items, Utc::now())
        .await?;
    Ok(Json(SyncResponse {
        results: outcome.results,
        confirmed: outcome.confirmed,
    }))
}
