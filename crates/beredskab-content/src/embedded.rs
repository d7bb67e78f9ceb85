//! The default pack, compiled into the binary so the app works offline from its first start.

use beredskab_domain::pack::{PackFiles, META_FILE};
use include_dir::{include_dir, Dir};

static CONTENT: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../content");

pub fn embedded_files() -> PackFiles {
    let mut entries = Vec::new();
    collect(&CONTENT, &mut entries);
    PackFiles::from_entries(entries)
}

/// The embedded pack's version, from `pack.toml` alone: cheap enough for every
/// start, so the whole pack is parsed only when it is needed.
pub fn embedded_version() -> Option<semver::Version> {
    let meta = CONTENT.get_file(META_FILE)?.contents_utf8()?;
    meta.lines()
        .find_map(|line| line.trim().strip_prefix("version"))
        .and_then(|rest| rest.trim().strip_prefix('='))
        .map(|v| v.trim().trim_matches('"'))
        .and_then(|v| semver::Version::parse(v).ok())
}

fn collect(dir: &Dir<'_>, out: &mut Vec<(String, String)>) {
    for file in dir.files() {
        if let Some(text) = file.contents_utf8() {
            let path = file.path().to_string_lossy().replace('\\', "/");
            out.push((path, text.to_string()));
        }
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}
