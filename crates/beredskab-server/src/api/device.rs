use super::auth::Authed;
use super::error::{ApiError, ApiResult};
use super::state::AppState;
use crate::storage::LogEntry;
use axum::extract::{Path, State};
use axum::Json;
use beredskab_protocol::{DeviceView, ErrorBody, RecordView};
use chrono::Utc;
use uuid::Uuid;

/// The calling device as the server knows it.
#[utoipa::path(
    get,
    path = "/api/v1/device",
    tag = "devices",
    params(("x-beredskab-protocol" = u32, Header, description = "Protocol version")),
    security(("device" = [])),
    responses(
        (status = 200, description = "This device", body = DeviceView),
        (status = 401, description = "No or unknown credential", body = ErrorBody),
        (status = 403, description = "Device revoked", body = ErrorBody),
    )
)]
pub async fn device(Authed(device): Authed) -> Json<DeviceView> {
    Json(DeviceView {
        device_id: device.id,
        name: device.name,
        unit: device.unit,
        status: device.status,
        enrolled_at: device.enrolled_at,
        last_sync_at: device.last_sync_at,
    })
}

/// One of this device's records as the server holds it; 404 for any other.
#[utoipa::path(
    get,
    path = "/api/v1/records/{concern_id}",
    tag = "sync",
    params(
        ("concern_id" = Uuid, Path, description = "The concern's id"),
        ("x-beredskab-protocol" = u32, Header, description = "Protocol version"),
    ),
    security(("device" = [])),
    responses(
        (status = 200, description = "The record", body = RecordView),
        (status = 400, description = "Not an id", body = ErrorBody),
        (status = 401, description = "No or unknown credential", body = ErrorBody),
        (status = 404, description = "No such record of this device", body = ErrorBody),
    )
)]
pub async fn record(
    State(state): State<AppState>,
    Authed(device): Authed,
    concern_id: Result<Path<Uuid>, axum::extract::rejection::PathRejection>,
) -> ApiResult<Json<RecordView>> {
    let Path(concern_id) = concern_id.map_err(|_| ApiError::bad_request("concern_id"))?;
    let record = state.storage.record(&device, concern_id).await?;
    state
        .storage
        .log(LogEntry {
            at: Utc::now(),
            actor: format!("device:{}", device.id),
            action: "record_read".into(),
            target: concern_id.to_string(),
        })
        .await?;
    record.map(Json).ok_or_else(ApiError::not_found)
}
