// Each command in commands.json (generated from src/registry.rs) becomes an
// `allow-…` permission for the capability file.
fn main() {
    println!("cargo:rerun-if-changed=../locales");
    println!("cargo:rerun-if-changed=../content");
    println!("cargo:rerun-if-changed=commands.json");
    println!("cargo:rerun-if-changed=capabilities");
    println!("cargo:rerun-if-changed=tauri.conf.json");
    let text = std::fs::read_to_string("commands.json").expect("src-tauri/commands.json");
    let names: Vec<String> = serde_json::from_str(&text).expect("commands.json is a list of names");
    let names: &'static [&'static str] = Vec::leak(
        names
            .into_iter()
            .map(|n| &*String::leak(n))
            .collect::<Vec<&'static str>>(),
    );
    let manifest = tauri_build::AppManifest::new().commands(names);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
