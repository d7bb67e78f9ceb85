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
mod sync;
mod version;

use crate::storage::Storage;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use beredskab_protocol::MAX_BODY_BYTES;
use limiter::FailureLimiter;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct AppState {
    pub storage: Arc<dyn Storage>,
    enroll_failures: Arc<FailureLimiter>,
}

impl AppState {
    pub fn new(storage: Arc<dyn Storage>) -> AppState {
        AppState {
            storage,
            enroll_failures: Arc::new(FailureLimiter::new(20, Duration::from_secs(60))),
        }
    }
}

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
