//! The default pack, compiled into the binary so the app works offline from its first start.

use super::files::PackFiles;
use include_dir::{include_dir, Dir};

static CONTENT: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../content");

pub fn embedded_files() -> PackFiles {
    let mut files = Vec::new();
    collect(&CONTENT, &mut files);
    files.sort();
    PackFiles { files }
}

fn collect(dir: &Dir<'_>, out: &mut Vec<(String, String)>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        let in_pack = super::files::SINGLE_FILES.contains(&path.as_str())
            || super::files::ITEM_FOLDERS
                .iter()
                .any(|f| path.starts_with(&format!("{f}/")) && path.ends_with(".toml"));
        if let (true, Some(text)) = (in_pack, file.contents_utf8()) {
            out.push((path, text.to_string()));
        }
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}
