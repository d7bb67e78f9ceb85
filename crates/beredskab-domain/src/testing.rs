//! The default pack from `content/`, read from disk for the domain's own tests
//! (the domain never reads files itself).

use crate::content::Pack;
use crate::pack::{check, PackFiles};
use std::path::{Path, PathBuf};

pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

pub fn default_pack_files() -> PackFiles {
    let root = content_dir();
    let mut entries = Vec::new();
    collect(&root, &root, &mut entries);
    PackFiles::from_entries(entries)
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("content dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(root, &path, out);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            let rel = path.strip_prefix(root).expect("inside root");
            out.push((rel.to_string_lossy().replace('\\', "/"), text));
        }
    }
}

pub fn default_pack() -> Pack {
    let released = chrono::NaiveDate::from_ymd_opt(2100, 1, 1).expect("date");
    check(&default_pack_files(), released).unwrap_or_else(|problems| {
        panic!("content/ is invalid: {problems:#?}");
    })
}
