//! Beredskab's content on a device: a pack folder read from disk, the default
//! pack built into the binary, the local content store (SQLite with FTS5) with
//! Danish search, and the `Library` that serves the pack in use. No Tauri, no
//! HTTP, no words for people (those are chosen at the edges).

mod embedded;
pub mod error;
mod files;
pub mod library;
mod load;
pub mod notice;
pub mod search;
pub mod store;

pub use embedded::{embedded_files, embedded_version};
pub use error::{ContentError, ContentErrorCode};
pub use files::read_dir;
pub use library::{Library, OpenReport};
pub use load::{load_dir, load_embedded, today, LoadedPack};
pub use notice::{Notice, NoticeCode};
