//! Harness for the end-to-end tests: starts tauri-driver (which starts the real
//! release binary in WebKitWebDriver) with its own temp data dir and free ports,
//! and offers the few helpers the tests need.

mod app;
mod axe;

pub use app::App;
pub use fantoccini::{elements::Element, Locator};
