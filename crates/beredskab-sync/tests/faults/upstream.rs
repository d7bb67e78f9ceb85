//! Where the service runs now. A restart (one of the faults) stops the
//! process and opens the same folder on a new port; the proxies and the
//! checks always reach whichever process is current.

use beredskab_server::local::LocalServer;
use beredskab_server::storage::Storage;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::RwLock;

pub struct Upstream {
    pub folder: PathBuf,
    pub server: Option<LocalServer>,
    pub base: String,
    pub restarts: usize,
}

/// Shared by both proxies and the world; a restart holds it for writing, so
/// nobody reaches a process that is going away.
pub type Shared = Arc<RwLock<Upstream>>;

pub async fn restart(upstream: &Shared) {
    let mut up = upstream.write().await;
    if let Some(server) = up.server.take() {
        server.stop().await;
    }
    let server = LocalServer::open(&up.folder, "127.0.0.1:0").await;
    up.base = server.base();
    up.server = Some(server);
    up.restarts += 1;
}

pub async fn current_storage(upstream: &Shared) -> Arc<dyn Storage> {
    let up = upstream.read().await;
    Arc::clone(&up.server.as_ref().expect("the service runs").storage)
}
