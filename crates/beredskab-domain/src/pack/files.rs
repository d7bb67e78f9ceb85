//! The raw text files of a pack, wherever they came from (a folder, the binary,
//! a signed release): what parsing starts from.

use serde::{Deserialize, Serialize};

/// A pack's files as `(path inside the pack, text)`, sorted by path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackFiles {
    pub files: Vec<(String, String)>,
}

/// Folders whose every `.toml` file belongs to the pack.
pub const ITEM_FOLDERS: [&str; 2] = ["signs", "cards"];
/// Single files of the pack.
pub const SINGLE_FILES: [&str; 4] = ["pack.toml", "contacts.toml", "legal.toml", "plan.toml"];

impl PackFiles {
    /// Keeps only the paths that belong to a pack, sorted.
    pub fn from_entries(entries: impl IntoIterator<Item = (String, String)>) -> PackFiles {
        let mut files: Vec<(String, String)> = entries
            .into_iter()
            .filter(|(path, _)| belongs_to_pack(path))
            .collect();
        files.sort();
        PackFiles { files }
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

/// `pack.toml`, `contacts.toml`, `legal.toml`, `plan.toml` (optional), and `signs/*.toml` / `cards/*.toml`
/// one level down; anything else in a folder (a README, a picture) is not the pack.
pub fn belongs_to_pack(path: &str) -> bool {
    SINGLE_FILES.contains(&path)
        || ITEM_FOLDERS.iter().any(|folder| {
            path.strip_prefix(folder)
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|name| !name.contains('/') && name.ends_with(".toml"))
        })
}
