//! Beredskab's central service as a library: the storage trait and its
//! backends, the HTTP API, and the administrative operations the thin
//! `beredskab-server` binary exposes.

pub mod storage;
