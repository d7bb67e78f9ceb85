//! The app's managed state: the content library, the vault, the pack in use
//! as a shared snapshot, the user's language, and what happened at start-up.
//! Content and vault have separate locks, so a search never waits for an
//! unlock; work on either runs on a blocking thread, never on the main thread.

use crate::error::{ApiError, ApiResult};
use crate::sync_ctl::SyncCtl;
use beredskab_content::{
    load_embedded, today, ContentError, Library, Notice, NoticeCode, OpenReport,
};
use beredskab_domain::{Locale, Pack, PackSource};
use beredskab_vault::{Actor, VaultError, VaultManager};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

/// Set by tests and benchmarks so the app never touches the user's real data.
pub const DATA_DIR_ENV: &str = "BEREDSKAB_DATA_DIR";

pub struct AppCtx {
    /// Shared with the sync engine, which takes each lock for one short step.
    library: Arc<Mutex<Library>>,
    vault: Arc<Mutex<VaultManager>>,
    /// The pack in use, for commands that only read it (the vault's checks, the guided flow).
    pack: RwLock<Arc<Pack>>,
    locale: RwLock<Locale>,
    /// Turned into words in the language in use whenever the UI asks.
    pub notices: Vec<Notice>,
    pub started: Instant,
    pub data_dir: PathBuf,
    pub sync: SyncCtl,
}

/// The state as commands receive it.
pub type Ctx = Arc<AppCtx>;

pub fn data_dir(platform_default: Option<PathBuf>) -> PathBuf {
    std::env::var_os(DATA_DIR_ENV)
        .map(PathBuf::from)
        .or(platform_default)
        .unwrap_or_else(|| PathBuf::from("."))
}

impl AppCtx {
    /// Opens the library; if the store cannot be used (a read-only disk, a
    /// newer app's file), serves the embedded pack from memory and says so.
    pub fn open(data_dir: &Path, started: Instant) -> AppCtx {
        let (library, report) = match Library::open(data_dir, today()) {
            Ok(opened) => opened,
            Err(error) => {
                tracing::error!(code = ?error.code(), "the content store is unavailable");
                let notice = if error.is_newer_store() {
                    NoticeCode::StoreNewerVersion
                } else {
                    NoticeCode::StoreFailed
                };
                let library = load_embedded(today())
                    .and_then(|p| Library::in_memory(p, PackSource::Embedded))
                    .unwrap_or_else(|e| panic!("the embedded pack is invalid: {e}"));
                (library, OpenReport::with(Notice::new(notice)))
            }
        };
        let locale = library.locale().unwrap_or_else(|e| {
            tracing::warn!(code = ?e.code(), "the language setting could not be read; Danish is used");
            Locale::default()
        });
        for notice in &report.notices {
            tracing::info!(notice = ?notice.code, "start-up notice");
        }
        let vault = VaultManager::new(&data_dir.join("vault"), actor());
        AppCtx {
            pack: RwLock::new(library.pack()),
            library: Arc::new(Mutex::new(library)),
            vault: Arc::new(Mutex::new(vault)),
            locale: RwLock::new(locale),
            notices: report.notices,
            started,
            data_dir: data_dir.to_path_buf(),
            sync: SyncCtl::default(),
        }
    }

    pub fn locale(&self) -> Locale {
        self.locale.read().map(|l| *l).unwrap_or_default()
    }

    pub fn set_locale(&self, locale: Locale) {
        if let Ok(mut l) = self.locale.write() {
            *l = locale;
        }
    }

    /// The pack in use; never waits for a long content operation.
    pub fn pack(&self) -> Arc<Pack> {
        self.pack
            .read()
            .map(|p| Arc::clone(&p))
            .unwrap_or_else(|poisoned| Arc::clone(&poisoned.into_inner()))
    }

    /// Runs `f` on the library on a blocking thread; the pack snapshot
    /// follows any change `f` makes to the pack in use.
    pub async fn content<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Library) -> Result<T, ContentError> + Send + 'static,
    ) -> ApiResult<T> {
        let ctx = Arc::clone(self);
        let locale = self.locale();
        let outcome = tauri::async_runtime::spawn_blocking(move || {
            let mut library = ctx.library.lock().unwrap_or_else(|p| p.into_inner());
            let out = f(&mut library);
            if let Ok(mut pack) = ctx.pack.write() {
                *pack = library.pack();
            }
            out
        })
        .await;
        match outcome {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => Err(logged(ApiError::content(locale, &e))),
            Err(_) => Err(logged(ApiError::internal(locale))),
        }
    }

    /// Runs `f` on the vault manager on a blocking thread.
    pub async fn vault<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut VaultManager) -> Result<T, VaultError> + Send + 'static,
    ) -> ApiResult<T> {
        let ctx = Arc::clone(self);
        let locale = self.locale();
        let outcome = tauri::async_runtime::spawn_blocking(move || {
            let mut vault = ctx.vault.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut vault)
        })
        .await;
        match outcome {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => Err(logged(ApiError::vault(locale, &e))),
            Err(_) => Err(logged(ApiError::internal(locale))),
        }
    }

    pub fn vault_handle(&self) -> Arc<Mutex<VaultManager>> {
        Arc::clone(&self.vault)
    }

    pub fn library_handle(&self) -> Arc<Mutex<Library>> {
        Arc::clone(&self.library)
    }

    /// After the sync engine installed a release: the snapshot follows.
    pub fn refresh_pack(&self) {
        let pack = self
            .library
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pack();
        if let Ok(mut current) = self.pack.write() {
            *current = pack;
        }
    }

    /// The vault manager, for the idle-lock watcher and shutdown (already off the main thread).
    pub fn vault_blocking<T>(&self, f: impl FnOnce(&mut VaultManager) -> T) -> T {
        let mut vault = self.vault.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut vault)
    }
}

/// Every failed command leaves its code in the log, inside the command's span.
fn logged(error: ApiError) -> ApiError {
    tracing::warn!(code = %error.log_code(), "command failed");
    error
}

/// This computer's name, as the service lists the device.
pub fn device_name() -> String {
    actor().device
}

/// The person and machine for the audit log: the OS account and the host name.
fn actor() -> Actor {
    let user = ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "ukendt".into());
    let device = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "ukendt".into());
    Actor { user, device }
}
