//! Fails when the app's security baseline regresses: a strict CSP, capabilities
//! that grant only the app's own commands (and the folder picker), no devtools
//! in release, and no remote content.

use crate::bindings::{command_names, PLUGIN_PERMISSIONS};
use serde_json::Value;
use std::path::Path;

fn read_json(relative: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn csp() -> serde_json::Map<String, Value> {
    let conf = read_json("tauri.conf.json");
    conf["app"]["security"]["csp"]
        .as_object()
        .cloned()
        .expect("app.security.csp must be an object")
}

/// Origins a directive may name: the app itself and Tauri's IPC channel.
fn is_local_source(source: &str) -> bool {
    matches!(
        source,
        "'self'" | "'none'" | "data:" | "ipc:" | "http://ipc.localhost"
    )
}

#[test]
fn csp_is_strict() {
    let csp = csp();
    assert_eq!(
        csp.get("default-src").and_then(Value::as_str),
        Some("'self'")
    );
    assert_eq!(
        csp.get("object-src").and_then(Value::as_str),
        Some("'none'")
    );
    assert_eq!(csp.get("base-uri").and_then(Value::as_str), Some("'none'"));
    for (directive, value) in &csp {
        let value = value
            .as_str()
            .unwrap_or_else(|| panic!("{directive} must be a string"));
        for source in value.split_whitespace() {
            assert!(!source.contains("unsafe"), "{directive} allows {source}");
            assert!(
                is_local_source(source),
                "{directive} names a remote or wide source: {source}"
            );
        }
    }
    let script = csp
        .get("script-src")
        .and_then(Value::as_str)
        .unwrap_or_default();
    assert_eq!(script, "'self'", "scripts only from the app");
}

#[test]
fn asset_csp_modification_and_remote_urls_stay_off() {
    let conf = read_json("tauri.conf.json");
    let security = &conf["app"]["security"];
    assert!(security
        .get("dangerousDisableAssetCspModification")
        .is_none());
    assert!(security.get("dangerousRemoteDomainIpcAccess").is_none());
    assert_eq!(
        conf["build"]["frontendDist"], "../ui/dist",
        "the app serves its own files"
    );
    for window in conf["app"]["windows"].as_array().expect("windows") {
        if let Some(url) = window.get("url").and_then(Value::as_str) {
            assert!(!url.contains("://"), "window loads a remote URL: {url}");
        }
        assert_eq!(
            window.get("devtools"),
            Some(&Value::Bool(false)),
            "devtools must be off"
        );
    }
    let dev_url = conf["build"]["devUrl"].as_str().unwrap_or_default();
    assert!(
        dev_url.is_empty() || dev_url.starts_with("http://localhost:"),
        "devUrl: {dev_url}"
    );
}

#[test]
fn capabilities_grant_only_the_apps_commands() {
    let capabilities = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let mut allowed: Vec<String> = command_names()
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    allowed.extend(PLUGIN_PERMISSIONS.iter().map(|p| p.to_string()));
    let mut files = 0;
    for entry in std::fs::read_dir(&capabilities).expect("capabilities folder") {
        let path = entry.expect("entry").path();
        let cap: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        files += 1;
        assert!(
            cap.get("remote").is_none(),
            "{} grants remote origins",
            path.display()
        );
        assert_eq!(cap["windows"], serde_json::json!(["main"]));
        for permission in cap["permissions"].as_array().expect("permissions") {
            let name = permission
                .as_str()
                .expect("permission identifiers only, no scopes");
            assert!(
                allowed.contains(&name.to_string()),
                "{} grants {name}",
                path.display()
            );
        }
    }
    assert_eq!(files, 1, "one capability file, for the main window");
    let main: Value = serde_json::from_str(
        &std::fs::read_to_string(capabilities.join("main.json")).expect("read"),
    )
    .expect("json");
    let granted: Vec<&str> = main["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for name in &allowed {
        assert!(
            granted.contains(&name.as_str()),
            "the UI could not call {name}: it is missing from capabilities/main.json"
        );
    }
}

#[test]
fn devtools_feature_is_not_enabled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let workspace: toml::Table = std::fs::read_to_string(root.join("Cargo.toml"))
        .expect("Cargo.toml")
        .parse()
        .expect("toml");
    let app: toml::Table = std::fs::read_to_string(root.join("src-tauri/Cargo.toml"))
        .expect("Cargo.toml")
        .parse()
        .expect("toml");
    let features = workspace["workspace"]["dependencies"]["tauri"]["features"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        !features.iter().any(|f| f.as_str() == Some("devtools")),
        "tauri's devtools feature is on"
    );
    let app_features = app
        .get("features")
        .map(|f| f.to_string())
        .unwrap_or_default();
    assert!(
        !app_features.contains("devtools"),
        "the app enables devtools: {app_features}"
    );
}
