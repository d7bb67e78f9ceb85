//! Which publisher keys may sign the content this app shows: the keys built
//! into the app, and those IT operations put in a root-owned system file.
//! A key in neither cannot change a card, whatever the service serves.

use beredskab_protocol::PublisherKey;
use std::path::{Path, PathBuf};

const BUILT_IN: &str = include_str!("../publisher-keys.txt");
pub const SYSTEM_KEYS_FILE: &str = "/etc/beredskab/publisher-keys.txt";
/// Tests and a local trial point this at their own file instead of the system one.
pub const KEYS_FILE_ENV: &str = "BEREDSKAB_PUBLISHER_KEYS";

/// One key per line; `#` starts a comment. A line that is not a key is
/// skipped and counted, never trusted.
pub fn parse_keys(text: &str) -> (Vec<PublisherKey>, usize) {
    let mut keys = Vec::new();
    let mut skipped = 0;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        match PublisherKey::parse(line) {
            Ok(key) => keys.push(key),
            Err(_) => skipped += 1,
        }
    }
    (keys, skipped)
}

fn keys_file() -> PathBuf {
    std::env::var_os(KEYS_FILE_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(SYSTEM_KEYS_FILE))
}

/// The built-in keys and those of the keys file (if there is one).
pub fn trusted_keys() -> Vec<PublisherKey> {
    let (mut keys, _) = parse_keys(BUILT_IN);
    keys.extend(keys_in(&keys_file()));
    keys
}

fn keys_in(path: &Path) -> Vec<PublisherKey> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let (keys, skipped) = parse_keys(&text);
    if skipped > 0 {
        tracing::warn!(skipped, "lines in the publisher keys file are not keys");
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_keys_are_trusted() {
        let key = PublisherKey::of(&ed25519_dalek::SigningKey::from_bytes(&[3; 32]));
        let text = format!(
            "# comment\n\n{}  # the content owner\nnot-a-key\nAAAA\n",
            key.to_base64()
        );
        let (keys, skipped) = parse_keys(&text);
        assert_eq!(keys, vec![key]);
        assert_eq!(skipped, 2);
        assert!(
            parse_keys(BUILT_IN).1 == 0,
            "the built-in list has no broken line"
        );
    }
}
