//! The HTTP API. One router: `/health`, `/openapi.json`, and `/api/v1/…`,
//! where every request names its protocol version. Handlers are thin: read
//! the request, call the storage, answer with a type or a typed error.

mod auth;
mod device;
mod enroll;
pub mod error;
mod json;
mod limiter;
pub mod openapi;
mod releases;
pub mod state;
mod sync;
mod version;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use beredskab_protocol::MAX_BODY_BYTES;
pub use state::AppState;

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/enroll", post(enroll::enroll))
        .route("/sync", post(sync::sync))
        .route("/device", get(device::device))
        .route("/records/{concern_id}", get(device::record))
        .route("/releases/latest", get(releases::latest))
        .layer(axum::middleware::from_fn(version::require_version));
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/openapi.json", get(openapi::serve))
        .nest("/api/v1", api)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}
