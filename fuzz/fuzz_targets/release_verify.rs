//! The app's release check: any bytes as a release, and a genuine release
//! with bytes of it changed. Nothing may panic, and a release that verifies
//! must carry exactly the files that were signed.
#![no_main]

use beredskab_protocol::{PublisherKey, SignedRelease};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn genuine() -> &'static (Vec<u8>, PublisherKey, BTreeMap<String, String>) {
    static GENUINE: OnceLock<(Vec<u8>, PublisherKey, BTreeMap<String, String>)> = OnceLock::new();
    GENUINE.get_or_init(|| {
        let key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
        let files = BTreeMap::from([
            (
                "pack.toml".to_string(),
                "title = \"Pakke\"\nversion = \"1.0.0\"".to_string(),
            ),
            (
                "cards/akut.toml".to_string(),
                "id = \"akut\"\ntitle = \"Akut fare\"".to_string(),
            ),
        ]);
        let release = SignedRelease::sign(
            2,
            "1.0.0",
            "Udgiver",
            "2026-11-27T12:00:00Z".parse().expect("time"),
            &files,
            &key,
        );
        let bytes = serde_json::to_vec(&release).expect("json");
        (bytes, PublisherKey::of(&key), files)
    })
}

fuzz_target!(|data: &[u8]| {
    let (bytes, key, files) = genuine();
    let trusted = [key.clone()];
    if let Ok(release) = serde_json::from_slice::<SignedRelease>(data) {
        if let Ok(verified) = release.verify(&trusted) {
            let verified: BTreeMap<String, String> = verified.into_iter().collect();
            assert_eq!(&verified, files, "only the signed files ever verify");
        }
        let _ = release.check_newer(Some(1));
    }
    // The genuine release with the input's bytes laid over it at a place it chooses.
    if data.len() >= 3 {
        let at = usize::from(u16::from_le_bytes([data[0], data[1]])) % bytes.len();
        let mut changed = bytes.clone();
        for (i, b) in data[2..].iter().enumerate() {
            if let Some(slot) = changed.get_mut(at + i) {
                *slot = *b;
            }
        }
        if let Ok(release) = serde_json::from_slice::<SignedRelease>(&changed) {
            if let Ok(verified) = release.verify(&trusted) {
                let verified: BTreeMap<String, String> = verified.into_iter().collect();
                assert_eq!(
                    &verified, files,
                    "a changed release verified with other files"
                );
            }
        }
    }
});
