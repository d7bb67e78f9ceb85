//! The key file: the vault's random 256-bit data key, wrapped (XChaCha20-
//! Poly1305) under a key derived from the passphrase with Argon2id, the
//! parameters of that derivation (so they can be raised later), and the seal
//! of the audit log (its length and newest hash, authenticated with the data
//! key). During a key rotation it also holds the new wrapped key until the
//! database has been re-encrypted.

use crate::error::{Result, VaultError};
use crate::passphrase::Passphrase;
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::XChaCha20Poly1305;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::path::Path;
use zeroize::{Zeroize, Zeroizing};

pub use crate::passphrase::MIN_PASSPHRASE_CHARS;

/// The cost of one guess: Argon2id with this much memory, passes and lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfCost {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl KdfCost {
    /// RFC 9106's second recommendation (3 passes, 4 lanes) with four times its
    /// 64 MiB of memory, tuned on a 2-core machine to an unlock of 0.5–1 s
    /// (Bitwarden's default is 64 MiB; KeePassXC tunes to about 1 s). See BENCHMARKS.md.
    pub const RECOMMENDED: KdfCost = KdfCost {
        memory_kib: 256 * 1024,
        passes: 3,
        lanes: 4,
    };

    /// For tests of everything but the cost itself: cheap, never used by the app.
    #[doc(hidden)]
    pub const FAST_FOR_TESTS: KdfCost = KdfCost {
        memory_kib: 64,
        passes: 1,
        lanes: 1,
    };

    fn weaker_than(&self, other: &KdfCost) -> bool {
        self.memory_kib < other.memory_kib
            || (self.memory_kib == other.memory_kib && self.passes < other.passes)
    }
}

/// The SQLCipher key; wiped from memory when dropped.
#[derive(Clone, Zeroize)]
#[zeroize(drop)]
pub struct DataKey(pub(crate) [u8; 32]);

impl DataKey {
    pub(crate) fn random() -> Result<DataKey> {
        Ok(DataKey(random_bytes::<32>()?))
    }

    /// The key as SQLCipher's raw-key literal (`x'…'` skips its own key
    /// derivation), inside a statement that is wiped when dropped.
    pub(crate) fn sql(&self, statement_prefix: &str, suffix: &str) -> Zeroizing<String> {
        let mut hex = Zeroizing::new(hex::encode(self.0));
        let sql = Zeroizing::new(format!("{statement_prefix}\"x'{}'\"{suffix}", hex.as_str()));
        hex.zeroize();
        sql
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KdfParams {
    pub algorithm: String,
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
    pub salt: String,
}

impl KdfParams {
    fn fresh(cost: KdfCost) -> Result<KdfParams> {
        Ok(KdfParams {
            algorithm: "argon2id".into(),
            memory_kib: cost.memory_kib,
            passes: cost.passes,
            lanes: cost.lanes,
            salt: hex::encode(random_bytes::<16>()?),
        })
    }

    pub fn cost(&self) -> KdfCost {
        KdfCost {
            memory_kib: self.memory_kib,
            passes: self.passes,
            lanes: self.lanes,
        }
    }
}

/// The data key encrypted under a passphrase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WrappedKey {
    pub kdf: KdfParams,
    pub nonce: String,
    pub wrapped_key: String,
}

/// The audit log's length and newest hash when last written, authenticated with
/// the data key: a log that is shorter, or whose entry at that place differs,
/// has been cut or rolled back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditSeal {
    pub count: i64,
    pub head: String,
    pub mac: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyFile {
    pub format: u32,
    #[serde(flatten)]
    pub wrap: WrappedKey,
    #[serde(default)]
    pub seal: Option<AuditSeal>,
    /// A new data key under a new passphrase while the database is being re-encrypted.
    #[serde(default)]
    pub pending: Option<WrappedKey>,
    /// The seal made with that new key, for the same log.
    #[serde(default)]
    pub pending_seal: Option<AuditSeal>,
}

const FORMAT: u32 = 2;

fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| VaultError::Storage(e.to_string()))?;
    Ok(bytes)
}

/// Argon2id(passphrase, salt) with the stored parameters: the cost of one guess.
pub fn derive(passphrase: &Passphrase, kdf: &KdfParams) -> Result<Zeroizing<[u8; 32]>> {
    if kdf.algorithm != "argon2id" {
        return Err(VaultError::Damaged("unknown key derivation".into()));
    }
    let salt = hex::decode(&kdf.salt).map_err(|e| VaultError::Damaged(e.to_string()))?;
    let params = Params::new(kdf.memory_kib, kdf.passes, kdf.lanes, Some(32))
        .map_err(|e| VaultError::Damaged(e.to_string()))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), &salt, out.as_mut())
        .map_err(|e| VaultError::Damaged(e.to_string()))?;
    Ok(out)
}

impl WrappedKey {
    pub fn wrap(key: &DataKey, passphrase: &Passphrase, cost: KdfCost) -> Result<WrappedKey> {
        let kdf = KdfParams::fresh(cost)?;
        let kek = derive(passphrase, &kdf)?;
        let nonce = random_bytes::<24>()?;
        let cipher = XChaCha20Poly1305::new_from_slice(kek.as_ref())
            .map_err(|_| VaultError::Storage("bad key length".into()))?;
        let wrapped = cipher
            .encrypt(&nonce.into(), key.0.as_ref())
            .map_err(|_| VaultError::Storage("wrapping the key failed".into()))?;
        Ok(WrappedKey {
            kdf,
            nonce: hex::encode(nonce),
            wrapped_key: hex::encode(wrapped),
        })
    }

    /// The data key, if `passphrase` is right.
    pub fn unwrap(&self, passphrase: &Passphrase) -> Result<DataKey> {
        let kek = derive(passphrase, &self.kdf)?;
        let nonce: [u8; 24] = hex::decode(&self.nonce)
            .ok()
            .and_then(|n| n.try_into().ok())
            .ok_or_else(|| VaultError::Damaged("bad nonce".into()))?;
        let wrapped =
            hex::decode(&self.wrapped_key).map_err(|e| VaultError::Damaged(e.to_string()))?;
        let cipher = XChaCha20Poly1305::new_from_slice(kek.as_ref())
            .map_err(|_| VaultError::Damaged("bad key length".into()))?;
        let plain = Zeroizing::new(
            cipher
                .decrypt(&nonce.into(), wrapped.as_ref())
                .map_err(|_| VaultError::WrongPassphrase)?,
        );
        let key: [u8; 32] = plain
            .as_slice()
            .try_into()
            .map_err(|_| VaultError::Damaged("bad key length".into()))?;
        Ok(DataKey(key))
    }

    /// True when this wrap was made with less than `cost`: re-wrap at the next unlock.
    pub fn weaker_than(&self, cost: KdfCost) -> bool {
        self.kdf.cost().weaker_than(&cost)
    }
}

impl AuditSeal {
    fn mac(key: &DataKey, count: i64, head: &str) -> Result<String> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key.0)
            .map_err(|_| VaultError::Storage("bad seal key".into()))?;
        mac.update(format!("beredskab-audit-seal-v1\0{count}\0{head}").as_bytes());
        Ok(hex::encode(mac.finalize().into_bytes()))
    }

    pub fn new(key: &DataKey, count: i64, head: &str) -> Result<AuditSeal> {
        Ok(AuditSeal {
            count,
            head: head.to_string(),
            mac: Self::mac(key, count, head)?,
        })
    }

    /// True if the seal was made with `key` (and so by someone who had it).
    pub fn is_authentic(&self, key: &DataKey) -> Result<bool> {
        let expected = Self::mac(key, self.count, &self.head)?;
        Ok(constant_time_eq(expected.as_bytes(), self.mac.as_bytes()))
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl KeyFile {
    /// A new data key, wrapped under `passphrase`.
    pub fn create(passphrase: &Passphrase, cost: KdfCost) -> Result<(KeyFile, DataKey)> {
        let key = DataKey::random()?;
        let file = KeyFile {
            format: FORMAT,
            wrap: WrappedKey::wrap(&key, passphrase, cost)?,
            seal: None,
            pending: None,
            pending_seal: None,
        };
        Ok((file, key))
    }

    pub fn read(path: &Path) -> Result<KeyFile> {
        let text = std::fs::read_to_string(path)?;
        let file: KeyFile =
            serde_json::from_str(&text).map_err(|e| VaultError::Damaged(e.to_string()))?;
        if !(1..=FORMAT).contains(&file.format) {
            return Err(VaultError::Damaged("unknown key file format".into()));
        }
        Ok(file)
    }

    /// Written to a private temp file, synced, then renamed over the old one, and
    /// the folder synced: a crash leaves the old or the new file, whole.
    pub fn write(&self, path: &Path) -> Result<()> {
        let mut file = self.clone();
        file.format = FORMAT;
        crate::files::write_private(path, serde_json::to_string_pretty(&file)?.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfCost = KdfCost::FAST_FOR_TESTS;

    #[test]
    fn the_right_passphrase_unwraps_the_same_key_and_a_wrong_one_fails() {
        let (file, key) =
            KeyFile::create(&Passphrase::new("korrekt hest batteri"), FAST).expect("create");
        let unwrapped = file
            .wrap
            .unwrap(&Passphrase::new("korrekt hest batteri"))
            .expect("unwrap");
        assert_eq!(unwrapped.0, key.0);
        assert!(matches!(
            file.wrap.unwrap(&Passphrase::new("forkert hest batteri")),
            Err(VaultError::WrongPassphrase)
        ));
    }

    #[test]
    fn a_seal_made_with_another_key_or_for_another_count_is_not_authentic() {
        let key = DataKey::random().expect("key");
        let other = DataKey::random().expect("key");
        let seal = AuditSeal::new(&key, 7, "abc").expect("seal");
        assert!(seal.is_authentic(&key).expect("mac"));
        assert!(!seal.is_authentic(&other).expect("mac"));
        let moved = AuditSeal { count: 6, ..seal };
        assert!(!moved.is_authentic(&key).expect("mac"));
    }

    #[test]
    fn a_first_release_key_file_is_read() {
        let v1 = r#"{"format":1,"kdf":{"algorithm":"argon2id","memory_kib":19456,"passes":2,"lanes":1,"salt":"00112233445566778899aabbccddeeff"},"nonce":"00","wrapped_key":"00"}"#;
        let file: KeyFile = serde_json::from_str(v1).expect("v1");
        assert!(file.seal.is_none() && file.pending.is_none());
        assert!(file.wrap.weaker_than(KdfCost::RECOMMENDED));
    }

    #[test]
    fn the_recommended_cost_meets_rfc_9106s_second_option() {
        let cost = KdfCost::RECOMMENDED;
        assert!(cost.memory_kib >= 64 * 1024 && cost.passes >= 3 && cost.lanes >= 1);
    }
}
