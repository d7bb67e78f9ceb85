//! The vault's files on disk: only the owner may read them (folder 0700, files
//! 0600), small files are replaced atomically, and one process at a time holds
//! the vault open.

use crate::error::{Result, VaultError};
use std::fs::{File, OpenOptions, Permissions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

const DIR_MODE: u32 = 0o700;
const FILE_MODE: u32 = 0o600;
pub const LOCK_FILE: &str = "vault.lock";

/// Creates the folder if needed, and makes it and every file in it private
/// to the owner: a laptop's other accounts, and backups that keep modes, see nothing.
pub fn ensure_private(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    if std::fs::metadata(dir)?.permissions().mode() & 0o777 != DIR_MODE {
        std::fs::set_permissions(dir, Permissions::from_mode(DIR_MODE))?;
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if meta.is_file() && meta.permissions().mode() & 0o777 != FILE_MODE {
            std::fs::set_permissions(entry.path(), Permissions::from_mode(FILE_MODE))?;
        }
    }
    Ok(())
}

/// Writes `bytes` to a private temp file, syncs it, renames it over `path` and
/// syncs the folder: a crash leaves the old file or the new one, whole.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(FILE_MODE)
        .open(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent() {
        sync_dir(dir)?;
    }
    Ok(())
}

/// Makes a rename in `dir` durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)?.sync_all()?;
    Ok(())
}

/// An exclusive lock on the vault folder, held while the vault is open: a
/// second app (or another process) gets `VaultInUse` instead of a second writer.
pub struct FolderLock(#[allow(dead_code)] File);

impl FolderLock {
    pub fn acquire(dir: &Path) -> Result<FolderLock> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(FILE_MODE)
            .open(dir.join(LOCK_FILE))?;
        match file.try_lock() {
            Ok(()) => Ok(FolderLock(file)),
            Err(std::fs::TryLockError::WouldBlock) => Err(VaultError::InUse),
            Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

/// Bytes taken by the files in a folder (not following links), for telling a
/// user how much space a set-aside vault uses.
pub fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
