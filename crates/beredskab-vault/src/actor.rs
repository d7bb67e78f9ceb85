//! Who acts, and when, for the audit log.

/// The OS user and the machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: String,
    pub device: String,
}

/// UTC, RFC 3339 with milliseconds: the form every stored time has.
pub fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
