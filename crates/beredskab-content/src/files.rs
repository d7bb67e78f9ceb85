//! Reading a pack's files from a folder a municipality chose.

use crate::error::{ContentError, Result};
use beredskab_domain::pack::{PackFiles, ITEM_FOLDERS, SINGLE_FILES};
use std::path::Path;

pub fn read_dir(dir: &Path) -> Result<PackFiles> {
    if !dir.is_dir() {
        return Err(ContentError::NotAFolder(dir.display().to_string()));
    }
    let mut entries = Vec::new();
    for name in SINGLE_FILES {
        let path = dir.join(name);
        if path.exists() {
            entries.push((name.to_string(), read(&path)?));
        }
    }
    for folder in ITEM_FOLDERS {
        let sub = dir.join(folder);
        if !sub.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&sub).map_err(|e| unreadable(&sub, &e))? {
            let path = entry.map_err(|e| unreadable(&sub, &e))?.path();
            let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                continue;
            };
            if path.is_file() && name.ends_with(".toml") {
                entries.push((format!("{folder}/{name}"), read(&path)?));
            }
        }
    }
    Ok(PackFiles::from_entries(entries))
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| unreadable(path, &e))
}

fn unreadable(path: &Path, e: &std::io::Error) -> ContentError {
    ContentError::PackUnreadable(format!("{}: {e}", path.display()))
}
