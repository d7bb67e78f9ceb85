//! Where the service runs now: one instance on the SQLite folder, or two
//! instances sharing one PostgreSQL database. Requests are spread over the
//! instances in turn. A restart (one of the faults) stops one instance and
//! starts it again on the same store on a new port (on PostgreSQL the other
//! instance serves on); the proxies and the checks always reach whichever
//! processes are current.

use beredskab_server::local::LocalServer;
use beredskab_server::storage::{postgres, Storage};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::RwLock;

/// The store the instances share.
#[derive(Clone)]
pub enum Store {
    Sqlite(PathBuf),
    Postgres(String),
}

pub struct Upstream {
    pub store: Store,
    pub servers: Vec<Option<LocalServer>>,
    pub bases: Vec<String>,
    pub restarts: usize,
    /// Which instance the next request goes to.
    turn: AtomicUsize,
}

/// Shared by both proxies and the world; a restart holds it for writing, so
/// nobody reaches a process that is going away.
pub type Shared = Arc<RwLock<Upstream>>;

impl Upstream {
    pub fn new(store: Store, servers: Vec<LocalServer>) -> Upstream {
        Upstream {
            store,
            bases: servers.iter().map(LocalServer::base).collect(),
            servers: servers.into_iter().map(Some).collect(),
            restarts: 0,
            turn: AtomicUsize::new(0),
        }
    }

    /// The instance whose turn it is.
    pub fn next_base(&self) -> String {
        let n = self.turn.fetch_add(1, Ordering::Relaxed);
        self.bases[n % self.bases.len()].clone()
    }

    pub async fn stop_all(&mut self) {
        for server in self.servers.iter_mut().filter_map(Option::take) {
            server.stop().await;
        }
    }
}

/// An instance serving `store` on a free loopback port.
pub async fn start(store: &Store) -> LocalServer {
    match store {
        Store::Sqlite(folder) => LocalServer::open(folder, "127.0.0.1:0").await,
        Store::Postgres(url) => {
            let storage = postgres::open(url, None).await.expect("connect");
            LocalServer::with_storage(Arc::new(storage)).await
        }
    }
}

/// Restarts the instances in turn, one per call.
pub async fn restart(upstream: &Shared) {
    let mut up = upstream.write().await;
    let which = up.restarts % up.servers.len();
    if let Some(server) = up.servers[which].take() {
        server.stop().await;
    }
    let server = start(&up.store).await;
    up.bases[which] = server.base();
    up.servers[which] = Some(server);
    up.restarts += 1;
}

pub async fn current_storage(upstream: &Shared) -> Arc<dyn Storage> {
    let up = upstream.read().await;
    let server = up
        .servers
        .iter()
        .flatten()
        .next()
        .expect("the service runs");
    Arc::clone(&server.storage)
}
