// The app's own IPC commands. build.rs turns each into an `allow-…` permission
// for the capability file, and the bindings test lists each in bindings.ts.
pub const COMMAND_NAMES: &[&str] = &[
    "app_state",
    "search",
    "list_signs",
    "list_cards",
    "get_card",
    "list_contacts",
    "list_legal",
    "pack_meta",
    "set_locale",
    "load_pack_from_folder",
    "reset_default_pack",
    "ui_ready",
];
