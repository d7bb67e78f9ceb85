//! What every handler shares: the storage and the enrollment-guessing limit.

use super::limiter::FailureLimiter;
use crate::storage::Storage;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct AppState {
    pub storage: Arc<dyn Storage>,
    pub(super) enroll_failures: Arc<FailureLimiter>,
}

impl AppState {
    pub fn new(storage: Arc<dyn Storage>) -> AppState {
        AppState {
            storage,
            enroll_failures: Arc::new(FailureLimiter::new(20, Duration::from_secs(60))),
        }
    }
}
