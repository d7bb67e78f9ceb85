//! What the app knows about sync between runs: whether one is sending now,
//! the last error, and a way to ask for a run. The runs themselves are in
//! `sync_task`.

use beredskab_sync::SyncErrorCode;
use serde::Serialize;
use specta::Type;
use std::sync::Mutex;
use tokio::sync::Notify;

/// The last sync's failure, in the user's language, with what to do.
#[derive(Debug, Clone, Serialize, Type)]
pub struct SyncErrorView {
    pub code: SyncErrorCode,
    pub message: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// Everything the UI shows about sync.
#[derive(Debug, Clone, Default, Serialize, Type)]
pub struct SyncStatus {
    /// The service's address, once this laptop is enrolled.
    pub address: Option<String>,
    pub unit: Option<String>,
    /// A sync is running: queued records are being sent.
    pub sending: bool,
    /// RFC 3339, UTC: the last time everything queued reached the service.
    pub last_success_at: Option<String>,
    /// Changes waiting to be sent; None while the vault is locked.
    pub unsent: Option<i64>,
    pub error: Option<SyncErrorView>,
}

#[derive(Default)]
pub struct SyncCtl {
    pub(crate) sending: Mutex<bool>,
    pub(crate) error: Mutex<Option<SyncErrorView>>,
    /// One run at a time; "Synkronisér nu" waits for a running one.
    pub(crate) running: tokio::sync::Mutex<()>,
    pub(crate) wake: Notify,
}

impl SyncCtl {
    /// Asks the background task for a run soon (after a save, an unlock).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub fn sending(&self) -> bool {
        *self.sending.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn set_sending(&self, on: bool) {
        *self.sending.lock().unwrap_or_else(|p| p.into_inner()) = on;
    }

    pub fn error(&self) -> Option<SyncErrorView> {
        self.error.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub(crate) fn set_error(&self, error: Option<SyncErrorView>) {
        *self.error.lock().unwrap_or_else(|p| p.into_inner()) = error;
    }
}
