//! Listening: HTTPS with rustls when a certificate is given; plain HTTP only
//! on a loopback address, so a concern never crosses a network unencrypted.

use crate::api::{router, AppState};
use axum_server::tls_rustls::RustlsConfig;
use std::future::Future;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Tls {
    pub cert: PathBuf,
    pub key: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("plain HTTP is only allowed on a loopback address; give --tls-cert and --tls-key to listen on {0}")]
    PlainHttpOffLoopback(SocketAddr),
    #[error("the certificate or key could not be read: {0}")]
    Tls(std::io::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Serves until `shutdown` completes; open requests are finished first.
pub async fn run(
    listener: TcpListener,
    state: AppState,
    tls: Option<Tls>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let addr = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let app = router(state).into_make_service();
    match tls {
        None if !addr.ip().is_loopback() => Err(ServeError::PlainHttpOffLoopback(addr)),
        None => {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await?;
            Ok(())
        }
        Some(tls) => {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let config = RustlsConfig::from_pem_file(&tls.cert, &tls.key)
                .await
                .map_err(ServeError::Tls)?;
            let handle = axum_server::Handle::new();
            let stopper = handle.clone();
            tokio::spawn(async move {
                shutdown.await;
                stopper.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
            });
            axum_server::from_tcp_rustls(listener, config)
                .handle(handle)
                .serve(app)
                .await?;
            Ok(())
        }
    }
}
