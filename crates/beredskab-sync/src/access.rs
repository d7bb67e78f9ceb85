//! How sync reaches the vault and the content library: one short step at a
//! time on a blocking thread, so no lock is held while waiting on the network.

use crate::error::SyncError;
use beredskab_content::{ContentError, Library};
use beredskab_vault::{Vault, VaultError, VaultManager};
use std::sync::{Arc, Mutex};

pub trait VaultAccess: Send + Sync + 'static {
    /// Runs `f` on the open vault as background work (not a person's
    /// activity); a locked vault gives `VaultError::Locked`.
    fn with_vault<T>(
        &self,
        f: impl FnOnce(&mut Vault) -> Result<T, VaultError>,
    ) -> Result<T, VaultError>;
}

impl VaultAccess for Mutex<VaultManager> {
    fn with_vault<T>(
        &self,
        f: impl FnOnce(&mut Vault) -> Result<T, VaultError>,
    ) -> Result<T, VaultError> {
        let mut manager = self.lock().unwrap_or_else(|p| p.into_inner());
        manager.with_vault_in_background(f)
    }
}

pub trait LibraryAccess: Send + Sync + 'static {
    fn with_library<T>(
        &self,
        f: impl FnOnce(&mut Library) -> Result<T, ContentError>,
    ) -> Result<T, ContentError>;
}

impl LibraryAccess for Mutex<Library> {
    fn with_library<T>(
        &self,
        f: impl FnOnce(&mut Library) -> Result<T, ContentError>,
    ) -> Result<T, ContentError> {
        let mut library = self.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut library)
    }
}

pub(crate) async fn vault<V: VaultAccess, T: Send + 'static>(
    access: &Arc<V>,
    f: impl FnOnce(&mut Vault) -> Result<T, VaultError> + Send + 'static,
) -> Result<T, SyncError> {
    let access = Arc::clone(access);
    tokio::task::spawn_blocking(move || access.with_vault(f))
        .await
        .map_err(|_| SyncError::Interrupted)?
        .map_err(SyncError::from)
}

pub(crate) async fn library<L: LibraryAccess, T: Send + 'static>(
    access: &Arc<L>,
    f: impl FnOnce(&mut Library) -> Result<T, ContentError> + Send + 'static,
) -> Result<T, SyncError> {
    let access = Arc::clone(access);
    tokio::task::spawn_blocking(move || access.with_library(f))
        .await
        .map_err(|_| SyncError::Interrupted)?
        .map_err(SyncError::from)
}
