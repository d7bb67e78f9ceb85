//! The service running inside this process on a loopback port the OS
//! chooses: what the sync tests, the fault proxy and the benchmarks start.
//! Stopped when dropped; started again on the same folder to play a restart.

use crate::api::AppState;
use crate::storage::Storage;
use crate::{data_dir, serve};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use tokio::sync::oneshot;

pub struct LocalServer {
    pub addr: SocketAddr,
    pub storage: Arc<dyn Storage>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl LocalServer {
    /// Creates a service folder at `dir` (which must not exist yet) and serves it.
    pub async fn init(dir: &Path) -> LocalServer {
        let storage = data_dir::init(dir).expect("init the service folder");
        Self::serve(Arc::new(storage), "127.0.0.1:0").await
    }

    /// Serves an existing service folder, on `addr` (port 0: any free port).
    pub async fn open(dir: &Path, addr: &str) -> LocalServer {
        let storage = data_dir::open(dir).expect("open the service folder");
        Self::serve(Arc::new(storage), addr).await
    }

    /// Serves `storage` (e.g. a PostgreSQL store several processes share).
    pub async fn with_storage(storage: Arc<dyn Storage>) -> LocalServer {
        Self::serve(storage, "127.0.0.1:0").await
    }

    async fn serve(storage: Arc<dyn Storage>, addr: &str) -> LocalServer {
        let listener = std::net::TcpListener::bind(addr).expect("bind a loopback port");
        let addr = listener.local_addr().expect("bound address");
        let (stop, stopped) = oneshot::channel();
        let state = AppState::new(Arc::clone(&storage));
        let task = tokio::spawn(async move {
            serve::run(listener, state, None, async {
                let _ = stopped.await;
            })
            .await
            .expect("serve");
        });
        LocalServer {
            addr,
            storage,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, finishes open requests, and releases the store.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
