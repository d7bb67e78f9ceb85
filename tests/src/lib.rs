//! Harness for the end-to-end tests: starts tauri-driver (which starts the real
//! release binary in WebKitWebDriver) with its own temp data dir and free ports,
//! and offers the few helpers the tests need.

mod app;
mod axe;
pub mod flows;
mod server;

pub use app::{content_dir, App};
pub use fantoccini::{elements::Element, Locator};
pub use server::Server;
