//! The raw text files of a pack, from a folder or from the binary.

use crate::error::{CoreError, Result};
use crate::locale::text_with;
use std::path::Path;

/// A pack's files as `(path inside the pack, text)`, sorted by path.
#[derive(Debug, Clone, Default)]
pub struct PackFiles {
    pub files: Vec<(String, String)>,
}

/// Folders whose every `.toml` file belongs to the pack.
pub const ITEM_FOLDERS: [&str; 2] = ["signs", "cards"];
/// Single files of the pack.
pub const SINGLE_FILES: [&str; 3] = ["pack.toml", "contacts.toml", "legal.toml"];

impl PackFiles {
    pub fn read_dir(dir: &Path) -> Result<PackFiles> {
        if !dir.is_dir() {
            let path = dir.display().to_string();
            return Err(CoreError::PackUnreadable(text_with(
                "errors.not_a_folder",
                &[("path", &path)],
            )));
        }
        let mut files = Vec::new();
        for name in SINGLE_FILES {
            let path = dir.join(name);
            if path.exists() {
                files.push((name.to_string(), read(&path)?));
            }
        }
        for folder in ITEM_FOLDERS {
            let sub = dir.join(folder);
            if !sub.is_dir() {
                continue;
            }
            let entries = std::fs::read_dir(&sub).map_err(|e| unreadable(&sub, &e))?;
            for entry in entries {
                let path = entry.map_err(|e| unreadable(&sub, &e))?.path();
                if path.extension().is_some_and(|e| e == "toml") {
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                    if let Some(name) = name {
                        files.push((format!("{folder}/{name}"), read(&path)?));
                    }
                }
            }
        }
        files.sort();
        Ok(PackFiles { files })
    }

    pub fn get(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.as_str())
    }

    pub fn in_folder<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.files
            .iter()
            .filter(move |(p, _)| p.strip_prefix(folder).is_some_and(|r| r.starts_with('/')))
            .map(|(p, t)| (p.as_str(), t.as_str()))
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| unreadable(path, &e))
}

fn unreadable(path: &Path, e: &std::io::Error) -> CoreError {
    CoreError::PackUnreadable(format!("{}: {e}", path.display()))
}
