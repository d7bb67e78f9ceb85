use beredskab_protocol::AnchorPoint;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("the enrollment code is unknown, expired or used")]
    EnrollmentRefused,
    #[error("the device is revoked")]
    DeviceRevoked,
    #[error("the device's audit log went backwards")]
    AuditRollback,
    #[error("the device's audit log forked")]
    AuditFork,
    /// A late copy of a request the device sent before newer ones: nothing applied.
    #[error("a late copy of an earlier request")]
    StaleRequest,
    /// The device must show the hash of its entry at this point's count.
    #[error("the server needs the audit hash at count {}", .0.count)]
    AnchorCheck(AnchorPoint),
    #[error("release {0} exists already")]
    ReleaseExists(u32),
    #[error("the store was made by a newer server (schema {found}, this server knows {known})")]
    NewerSchema { found: u32, known: u32 },
    #[error("storage: {0}")]
    Backend(String),
}

pub type StorageResult<T> = Result<T, StorageError>;

impl From<rusqlite::Error> for StorageError {
    fn from(e: rusqlite::Error) -> StorageError {
        StorageError::Backend(e.to_string())
    }
}

impl From<serde_json::Error> for StorageError {
    fn from(e: serde_json::Error) -> StorageError {
        StorageError::Backend(format!("json: {e}"))
    }
}

impl From<tokio_postgres::Error> for StorageError {
    fn from(e: tokio_postgres::Error) -> StorageError {
        StorageError::Backend(format!("postgres: {}", with_causes(&e)))
    }
}

impl From<deadpool_postgres::PoolError> for StorageError {
    fn from(e: deadpool_postgres::PoolError) -> StorageError {
        StorageError::Backend(format!("postgres pool: {}", with_causes(&e)))
    }
}

/// The error and what caused it (e.g. why a TLS handshake failed), for the
/// operators' log; a driver's message never holds the URL's password.
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let said = c.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        cause = c.source();
    }
    text
}
