//! The service's folder: the encrypted store and the key that opens it.
//! The folder is 0700 and the key file 0600, checked whenever it is opened.

use crate::storage::sqlite::SqliteStorage;
use crate::storage::StorageError;
use crate::tokens;
use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

pub const STORE_FILE: &str = "store.db";
pub const KEY_FILE: &str = "store.key";

#[derive(Debug, thiserror::Error)]
pub enum DataDirError {
    #[error("{0} exists already; init and backup write only to a new folder")]
    Exists(PathBuf),
    #[error("{0} has no service; run `beredskab-server init` first")]
    Missing(PathBuf),
    #[error("{path} can be read by others (mode {mode:o}); it must be {want:o}")]
    Open { path: PathBuf, mode: u32, want: u32 },
    #[error("the key file {0} is not 64 hex digits")]
    BadKey(PathBuf),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Storage(#[from] StorageError),
}

/// Makes the folder, a new key and an empty store.
pub fn init(dir: &Path) -> Result<SqliteStorage, DataDirError> {
    if dir.join(KEY_FILE).exists() || dir.join(STORE_FILE).exists() {
        return Err(DataDirError::Exists(dir.to_path_buf()));
    }
    fs::create_dir_all(dir)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    let key = Zeroizing::new(tokens::new_key());
    let text = Zeroizing::new(hex::encode(*key));
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(dir.join(KEY_FILE))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(SqliteStorage::open(&dir.join(STORE_FILE), &key)?)
}

/// Opens the store, after checking the folder's and key file's permissions.
pub fn open(dir: &Path) -> Result<SqliteStorage, DataDirError> {
    let key_path = dir.join(KEY_FILE);
    if !key_path.exists() {
        return Err(DataDirError::Missing(dir.to_path_buf()));
    }
    check_mode(dir, 0o700)?;
    check_mode(&key_path, 0o600)?;
    let key = read_key(&key_path)?;
    Ok(SqliteStorage::open(&dir.join(STORE_FILE), &key)?)
}

fn read_key(key_path: &Path) -> Result<Zeroizing<[u8; 32]>, DataDirError> {
    let text = Zeroizing::new(fs::read_to_string(key_path)?);
    let mut key = Zeroizing::new([0u8; 32]);
    hex::decode_to_slice(text.trim(), key.as_mut())
        .map_err(|_| DataDirError::BadKey(key_path.to_path_buf()))?;
    Ok(key)
}

/// A consistent copy of the service's folder in `out`, a new folder (0700):
/// the key file (0600) and the store, copied by SQLite's online backup while
/// the service may be serving. The copy opens with `--data out`; keep it as
/// safe as the key itself, since it holds the key.
pub fn backup(dir: &Path, out: &Path) -> Result<(), DataDirError> {
    let storage = open(dir)?;
    if out.exists() {
        return Err(DataDirError::Exists(out.to_path_buf()));
    }
    fs::create_dir_all(out)?;
    fs::set_permissions(out, fs::Permissions::from_mode(0o700))?;
    let key = read_key(&dir.join(KEY_FILE))?;
    let text = Zeroizing::new(hex::encode(*key));
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(out.join(KEY_FILE))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    storage.backup_to(&out.join(STORE_FILE), &key)?;
    Ok(())
}

fn check_mode(path: &Path, want: u32) -> Result<(), DataDirError> {
    let mode = fs::metadata(path)?.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(DataDirError::Open {
            path: path.to_path_buf(),
            mode,
            want,
        });
    }
    Ok(())
}
