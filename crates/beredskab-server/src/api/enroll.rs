use super::error::{ApiError, ApiResult};
use super::json::Body;
use super::state::AppState;
use crate::storage::{LogEntry, NewDevice, StorageError};
use crate::tokens;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use beredskab_protocol::enroll::normalise_code;
use beredskab_protocol::{EnrollRequest, EnrollResponse, ErrorBody};
use chrono::Utc;
use uuid::Uuid;

const MAX_NAME_CHARS: usize = 80;

/// Turns a one-time code into a device with its own credential.
#[utoipa::path(
    post,
    path = "/api/v1/enroll",
    tag = "devices",
    request_body = EnrollRequest,
    params(("x-beredskab-protocol" = u32, Header, description = "Protocol version")),
    responses(
        (status = 201, description = "Enrolled", body = EnrollResponse),
        (status = 400, description = "Malformed request", body = ErrorBody),
        (status = 403, description = "Unknown, expired or used code", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 426, description = "Client too old", body = ErrorBody),
        (status = 429, description = "Too many refused codes; see Retry-After", body = ErrorBody),
    )
)]
pub async fn enroll(
    State(state): State<AppState>,
    Body(request): Body<EnrollRequest>,
) -> ApiResult<(StatusCode, Json<EnrollResponse>)> {
    if let Some(seconds) = state.enroll_failures.wait() {
        return Err(ApiError::rate_limited(seconds));
    }
    let name = request.device_name.trim();
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || beredskab_domain::text::hidden_kind(name, false).is_some()
    {
        return Err(ApiError::bad_request("device_name"));
    }
    let credential = tokens::new_credential();
    let device = NewDevice {
        id: Uuid::new_v4(),
        name: name.to_string(),
        credential_hash: tokens::hash(&credential),
    };
    let code_hash = tokens::hash(&normalise_code(&request.code));
    let now = Utc::now();
    let device = match state
        .storage
        .redeem_enrollment(&code_hash, device, now)
        .await
    {
        Ok(device) => device,
        Err(StorageError::EnrollmentRefused) => {
            state.enroll_failures.failed();
            return Err(StorageError::EnrollmentRefused.into());
        }
        Err(other) => return Err(other.into()),
    };
    state
        .storage
        .log(LogEntry {
            at: now,
            actor: format!("device:{}", device.id),
            action: "device_enrolled".into(),
            target: device.unit.clone(),
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(EnrollResponse {
            device_id: device.id,
            credential,
            unit: device.unit,
        }),
    ))
}
