//! TLS to the database, by rustls: used when the URL asks for it
//! (`sslmode=require`; `prefer`, the default, tries it first). The server's
//! certificate is checked against the system's roots, or against the CA file
//! the operator names (`--database-ca`) for a municipality's own CA.

use crate::storage::{StorageError, StorageResult};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};
use std::path::Path;
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;

pub fn connector(ca_file: Option<&Path>) -> StorageResult<MakeRustlsConnect> {
    let mut roots = RootCertStore::empty();
    match ca_file {
        Some(path) => {
            let certs = CertificateDer::pem_file_iter(path)
                .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
                .map_err(|e| {
                    StorageError::Backend(format!(
                        "the CA file {} cannot be read: {e}",
                        path.display()
                    ))
                })?;
            if certs.is_empty() {
                return Err(StorageError::Backend(format!(
                    "the CA file {} holds no certificate",
                    path.display()
                )));
            }
            for cert in certs {
                roots.add(cert).map_err(|e| {
                    StorageError::Backend(format!("the CA file {}: {e}", path.display()))
                })?;
            }
        }
        None => {
            // A root that does not parse is skipped; the rest still count.
            let found = rustls_native_certs::load_native_certs();
            roots.add_parsable_certificates(found.certs);
        }
    }
    let config =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| StorageError::Backend(format!("tls: {e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}
