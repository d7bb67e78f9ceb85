//! The HTTP API. One router: `/healthz` (the process), `/readyz` (the
//! database answers), `/openapi.json`, and `/api/v1/…`,
//! where every request names its protocol version. Handlers are thin: read
//! the request, call the storage, answer with a type or a typed error.

mod auth;
mod device;
mod enroll;
pub mod error;
mod json;
mod limiter;
pub mod openapi;
mod ready;
mod releases;
mod reports;
pub mod state;
mod sync;
mod version;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use beredskab_protocol::MAX_BODY_BYTES;
pub use state::AppState;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/enroll", post(enroll::enroll))
        .route("/sync", post(sync::sync))
        .route("/device", get(device::device))
        .route("/records/{concern_id}", get(device::record))
        .route("/releases/latest", get(releases::latest))
        .route("/admin/report", get(reports::report))
        .layer(axum::middleware::from_fn(version::require_version));
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready::ready))
        .route("/openapi.json", get(openapi::serve))
        .nest("/api/v1", api)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Each request's log lines carry its id, method and path; never the query,
/// the headers or the body.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %request.uri().path()
    )
}
