//! Where the central service is, kept outside the vault: content releases
//! are fetched while the vault is locked. Holds no personal data: the
//! address, the unit the laptop is enrolled for, and the last good sync.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const FILE: &str = "sync-service.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceFile {
    pub address: String,
    pub unit: String,
    /// RFC 3339, UTC.
    pub last_success_at: Option<String>,
}

fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

impl ServiceFile {
    /// None when the laptop is not enrolled (or the file cannot be read).
    pub fn load(dir: &Path) -> Option<ServiceFile> {
        let text = std::fs::read_to_string(path(dir)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Written whole to a temp file and renamed, so a crash leaves the old one.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!("{FILE}.tmp"));
        std::fs::write(&tmp, serde_json::to_vec_pretty(self)?)?;
        std::fs::rename(tmp, path(dir))
    }

    pub fn remove(dir: &Path) -> std::io::Result<()> {
        match std::fs::remove_file(path(dir)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_loaded_and_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(ServiceFile::load(dir.path()), None);
        let file = ServiceFile {
            address: "https://beredskab.kk.dk".into(),
            unit: "Jobcenter Nord".into(),
            last_success_at: None,
        };
        file.save(dir.path()).expect("save");
        assert_eq!(ServiceFile::load(dir.path()), Some(file));
        ServiceFile::remove(dir.path()).expect("remove");
        ServiceFile::remove(dir.path()).expect("removing twice is fine");
        assert_eq!(ServiceFile::load(dir.path()), None);
    }
}
