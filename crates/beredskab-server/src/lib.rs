//! Beredskab's central service as a library: the storage trait and its
//! backends, the HTTP API, and the administrative operations the thin
//! `beredskab-server` binary exposes.

pub mod admin;
pub mod api;
pub mod cli;
pub mod data_dir;
pub mod local;
pub mod migrate_store;
pub mod report;
pub mod serve;
pub mod stats;
pub mod storage;
pub mod tokens;
