//! The app's managed state: the library of content and what happened at start-up.

use beredskab_core::pack;
use beredskab_core::store::PackSource;
use beredskab_core::{Library, OpenReport};
use beredskab_vault::{Actor, VaultManager};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

/// Set by tests and benchmarks so the app never touches the user's real data.
pub const DATA_DIR_ENV: &str = "BEREDSKAB_DATA_DIR";

pub struct AppCtx {
    pub library: Mutex<Library>,
    /// Lock order: library before vault, wherever both are held.
    pub vault: Mutex<VaultManager>,
    /// Turned into notices in the language in use whenever the UI asks.
    pub report: OpenReport,
    pub started: Instant,
}

pub fn data_dir(platform_default: Option<PathBuf>) -> PathBuf {
    std::env::var_os(DATA_DIR_ENV)
        .map(PathBuf::from)
        .or(platform_default)
        .unwrap_or_else(|| PathBuf::from("."))
}

impl AppCtx {
    /// Opens the library; if even a rebuilt store cannot be used (a read-only
    /// disk, say), serves the embedded pack from memory and says so.
    pub fn open(data_dir: &Path, started: Instant) -> AppCtx {
        let today = pack::today();
        let (library, report) = match Library::open(data_dir, today) {
            Ok(opened) => opened,
            Err(error) => {
                eprintln!(
                    "Beredskab: the local store is unavailable ({:?})",
                    error.code()
                );
                let library = pack::load_embedded(today)
                    .and_then(|p| Library::in_memory(p, PackSource::Embedded))
                    .unwrap_or_else(|e| panic!("the embedded pack is invalid: {e}"));
                (
                    library,
                    OpenReport {
                        store_unavailable: true,
                        ..OpenReport::default()
                    },
                )
            }
        };
        let vault = VaultManager::new(&data_dir.join("vault"), actor());
        AppCtx {
            library: Mutex::new(library),
            vault: Mutex::new(vault),
            report,
            started,
        }
    }
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
