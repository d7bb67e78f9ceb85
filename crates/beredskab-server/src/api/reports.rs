//! The yearly report over HTTP for the administration's dashboard: the same
//! report as `beredskab-server report`, as JSON or CSV.

use super::auth::AdminAuthed;
use super::error::{ApiError, ApiResult};
use super::state::AppState;
use crate::admin::{self, AdminError};
use crate::report::{csv, Report};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use beredskab_protocol::ErrorBody;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    #[default]
    Json,
    Csv,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The year, 2000–2100.
    pub year: i32,
    #[serde(default)]
    #[param(inline)]
    pub format: ReportFormat,
}

/// The yearly report against the action plan's targets, small numbers protected.
#[utoipa::path(
    get,
    path = "/api/v1/admin/report",
    tag = "reports",
    params(
        ReportQuery,
        ("x-beredskab-protocol" = u32, Header, description = "Protocol version"),
    ),
    security(("admin" = [])),
    responses(
        (status = 200, description = "The report (JSON, or CSV with format=csv)",
            content((Report = "application/json"), (String = "text/csv"))),
        (status = 400, description = "No year, or one outside 2000–2100", body = ErrorBody),
        (status = 401, description = "No or unknown administration token", body = ErrorBody),
    )
)]
pub async fn report(
    State(state): State<AppState>,
    AdminAuthed(reader): AdminAuthed,
    query: Result<Query<ReportQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Response> {
    let Query(query) = query.map_err(|_| ApiError::bad_request("year"))?;
    let today = beredskab_content::today();
    let actor = format!("admin-token:{}", reader.label);
    let report = admin::report_for(state.storage.as_ref(), query.year, today, &actor)
        .await
        .map_err(|e| match e {
            AdminError::Storage(e) => e.into(),
            AdminError::BadYear => ApiError::bad_request("year"),
            _ => ApiError::internal(),
        })?;
    Ok(match query.format {
        ReportFormat::Json => Json(report).into_response(),
        ReportFormat::Csv => (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
            csv::render(&report),
        )
            .into_response(),
    })
}
