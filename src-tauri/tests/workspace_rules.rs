//! The shape of the workspace, checked: which crate may depend on what (from
//! `cargo metadata`), and no import circles between the files of a crate.

use cargo_metadata::{Metadata, MetadataCommand, Package, PackageId};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

fn metadata() -> Metadata {
    MetadataCommand::new()
        .manifest_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml"))
        .exec()
        .expect("cargo metadata")
}

/// Every package `root` depends on for building (not for its tests), transitively.
fn closure<'a>(meta: &'a Metadata, root: &str) -> Vec<&'a Package> {
    let resolve = meta.resolve.as_ref().expect("resolve");
    let nodes: HashMap<&PackageId, &cargo_metadata::Node> =
        resolve.nodes.iter().map(|n| (&n.id, n)).collect();
    let start = meta
        .workspace_packages()
        .into_iter()
        .find(|p| p.name.as_str() == root)
        .unwrap_or_else(|| panic!("{root} is not in the workspace"));
    let mut seen: BTreeSet<&PackageId> = BTreeSet::new();
    let mut stack = vec![&start.id];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in &nodes[id].deps {
            let normal = dep.dep_kinds.iter().any(|k| {
                k.kind == cargo_metadata::DependencyKind::Normal
                    || k.kind == cargo_metadata::DependencyKind::Build
            });
            if normal {
                stack.push(&dep.pkg);
            }
        }
    }
    seen.remove(&start.id);
    meta.packages
        .iter()
        .filter(|p| seen.contains(&p.id))
        .collect()
}

/// Crates that reach files, sockets, databases, the clock of a runtime or a
/// process-wide language setting.
const IO_CRATES: &[&str] = &[
    "rusqlite",
    "libsqlite3-sys",
    "tokio",
    "mio",
    "hyper",
    "reqwest",
    "axum",
    "tauri",
    "wry",
    "include_dir",
    "rust-i18n",
    "tracing-appender",
    "argon2",
];

#[test]
fn domain_and_protocol_depend_on_nothing_that_does_io() {
    let meta = metadata();
    for root in ["beredskab-domain", "beredskab-protocol"] {
        let bad: Vec<String> = closure(&meta, root)
            .into_iter()
            .filter(|p| IO_CRATES.contains(&p.name.as_str()))
            .map(|p| p.name.to_string())
            .collect();
        assert!(bad.is_empty(), "{root} depends on {bad:?}");
    }
}

#[test]
fn nothing_but_the_app_depends_on_tauri() {
    let meta = metadata();
    for package in meta.workspace_packages() {
        if package.name.as_str() == "beredskab" {
            continue;
        }
        let tauri: Vec<String> = closure(&meta, package.name.as_str())
            .into_iter()
            .filter(|p| p.name.as_str() == "tauri" || p.name.starts_with("tauri-"))
            .map(|p| p.name.to_string())
            .collect();
        assert!(tauri.is_empty(), "{} depends on {tauri:?}", package.name);
    }
}

#[test]
fn each_crate_folder_is_named_after_its_package() {
    let meta = metadata();
    for package in meta.workspace_packages() {
        let dir = package
            .manifest_path
            .parent()
            .expect("folder")
            .file_name()
            .expect("name");
        if dir == "src-tauri" || dir == "tests" {
            continue; // fixed top-level folders
        }
        assert_eq!(
            dir,
            package.name.as_str(),
            "crates/{dir} holds {}",
            package.name
        );
    }
}

/// A module path such as `store::pack_rows` for `src/store/pack_rows.rs`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("inside src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The paths a file names with `crate::`, `super::`, `self::` or a child
/// module, as module paths from the crate root.
fn named_paths(module: &[String], text: &str, children: &BTreeSet<String>) -> Vec<Vec<String>> {
    // Code before the unit tests, without comment lines.
    let code: String = text
        .lines()
        .take_while(|l| !l.starts_with("#[cfg(test)]"))
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphabetic()) {
        let before = &rest[..start];
        let token_len = rest[start..]
            .find(|c: char| !is_path_char(c))
            .unwrap_or(rest.len() - start);
        let path = &rest[start..start + token_len];
        let preceded_by_path = before.ends_with(|c: char| is_path_char(c));
        rest = &rest[start + token_len..];
        if preceded_by_path || !path.contains("::") {
            continue;
        }
        let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
        let mut base: Vec<String> = match parts[0] {
            "crate" => Vec::new(),
            "self" => module.to_vec(),
            "super" => module[..module.len().saturating_sub(1)].to_vec(),
            first if children.contains(first) => module.to_vec(),
            _ => continue,
        };
        let skip = usize::from(matches!(parts[0], "crate" | "self" | "super"));
        base.extend(parts[skip..].iter().map(|s| s.to_string()));
        out.push(base);
    }
    out
}

#[test]
fn no_import_circles_between_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut srcs: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .expect("crates")
        .flatten()
        .map(|e| e.path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    srcs.push(root.join("src-tauri/src"));
    let mut circles = Vec::new();
    for src in srcs {
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        files.retain(|f| !f.to_string_lossy().contains("/bin/"));
        let modules: BTreeMap<Vec<String>, PathBuf> = files
            .iter()
            .map(|f| (module_of(&src, f), f.clone()))
            .collect();
        let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (module, file) in &modules {
            let children: BTreeSet<String> = modules
                .keys()
                .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
                .filter_map(|m| m.last().cloned())
                .collect();
            let text = std::fs::read_to_string(file).expect("read");
            for path in named_paths(module, &text, &children) {
                // The file that defines the named item: the longest module prefix.
                let target = (1..=path.len())
                    .rev()
                    .map(|n| path[..n].to_vec())
                    .find(|p| modules.contains_key(p))
                    .unwrap_or_default();
                if &target != module {
                    edges.entry(module.clone()).or_default().insert(target);
                }
            }
        }
        for (a, targets) in &edges {
            for b in targets {
                if edges.get(b).is_some_and(|back| back.contains(a)) && a < b {
                    circles.push(format!(
                        "{} ↔ {}",
                        modules[a].display(),
                        modules[b].display()
                    ));
                }
            }
        }
    }
    assert!(
        circles.is_empty(),
        "files that import each other:\n{}",
        circles.join("\n")
    );
}
