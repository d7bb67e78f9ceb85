include!("src/command_names.rs");

fn main() {
    println!("cargo:rerun-if-changed=../locales");
    println!("cargo:rerun-if-changed=../content");
    let manifest = tauri_build::AppManifest::new().commands(COMMAND_NAMES);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
