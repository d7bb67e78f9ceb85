use super::error::{ApiError, ApiResult};
use super::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use beredskab_protocol::{ErrorBody, SignedRelease};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct After {
    /// The release the app has; 204 if there is none newer.
    after: Option<u32>,
}

/// The newest signed release. Content is public: no credential needed.
#[utoipa::path(
    get,
    path = "/api/v1/releases/latest",
    tag = "content",
    params(After, ("x-beredskab-protocol" = u32, Header, description = "Protocol version")),
    responses(
        (status = 200, description = "The newest release", body = SignedRelease),
        (status = 204, description = "Nothing newer than `after`"),
        (status = 400, description = "Malformed query", body = ErrorBody),
        (status = 404, description = "No release published yet", body = ErrorBody),
    )
)]
pub async fn latest(
    State(state): State<AppState>,
    query: Result<Query<After>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Response> {
    let Query(query) = query.map_err(|_| ApiError::bad_request("after"))?;
    let newest = state.storage.latest_release_number().await?;
    match (newest, query.after) {
        (None, _) => Err(ApiError::not_found()),
        (Some(n), Some(have)) if n <= have => Ok(StatusCode::NO_CONTENT.into_response()),
        _ => {
            let release = state
                .storage
                .latest_release()
                .await?
                .ok_or_else(ApiError::not_found)?;
            Ok(Json(release).into_response())
        }
    }
}
