//! The vault key, wrapped: a random 256-bit data key encrypted (XChaCha20-Poly1305)
//! under a key derived from the passphrase with Argon2id. Changing the passphrase
//! rewrites only this small file, never the data.

use crate::error::{Result, VaultError};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::XChaCha20Poly1305;
use serde::{Deserialize, Serialize};
use std::path::Path;
use zeroize::{Zeroize, Zeroizing};

/// OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane.
pub const ARGON2_MEMORY_KIB: u32 = 19 * 1024;
pub const ARGON2_PASSES: u32 = 2;
pub const ARGON2_LANES: u32 = 1;
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// The SQLCipher key; wiped from memory when dropped.
#[derive(Clone, Zeroize)]
#[zeroize(drop)]
pub struct DataKey(pub(crate) [u8; 32]);

impl DataKey {
    fn random() -> Result<DataKey> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| VaultError::Storage(e.to_string()))?;
        Ok(DataKey(key))
    }

    /// The key as SQLCipher's raw-key literal: `x'…'` skips its own key derivation.
    pub(crate) fn sqlcipher_literal(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(self.0)))
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyFile {
    pub format: u32,
    pub kdf: KdfParams,
    pub nonce: String,
    pub wrapped_key: String,
}

fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| VaultError::Storage(e.to_string()))?;
    Ok(bytes)
}

fn derive(passphrase: &str, kdf: &KdfParams) -> Result<Zeroizing<[u8; 32]>> {
    let salt = hex::decode(&kdf.salt).map_err(|e| VaultError::Damaged(e.to_string()))?;
    let params = Params::new(kdf.memory_kib, kdf.passes, kdf.lanes, Some(32))
        .map_err(|e| VaultError::Damaged(e.to_string()))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), &salt, out.as_mut())
        .map_err(|e| VaultError::Damaged(e.to_string()))?;
    Ok(out)
}

pub fn check_strength(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(VaultError::WeakPassphrase);
    }
    Ok(())
}

impl KeyFile {
    /// A new data key, wrapped under `passphrase`.
    pub fn create(passphrase: &str) -> Result<(KeyFile, DataKey)> {
        check_strength(passphrase)?;
        let key = DataKey::random()?;
        let file = Self::wrap(&key, passphrase)?;
        Ok((file, key))
    }

    fn wrap(key: &DataKey, passphrase: &str) -> Result<KeyFile> {
        let kdf = KdfParams {
            algorithm: "argon2id".into(),
            memory_kib: ARGON2_MEMORY_KIB,
            passes: ARGON2_PASSES,
            lanes: ARGON2_LANES,
            salt: hex::encode(random_bytes::<16>()?),
        };
        let kek = derive(passphrase, &kdf)?;
        let nonce = random_bytes::<24>()?;
        let cipher = XChaCha20Poly1305::new_from_slice(kek.as_ref())
            .map_err(|_| VaultError::Storage("bad key length".into()))?;
        let wrapped = cipher
            .encrypt(&nonce.into(), key.0.as_ref())
            .map_err(|_| VaultError::Storage("wrapping the key failed".into()))?;
        Ok(KeyFile {
            format: 1,
            kdf,
            nonce: hex::encode(nonce),
            wrapped_key: hex::encode(wrapped),
        })
    }

    /// The data key, if `passphrase` is right.
    pub fn unwrap_key(&self, passphrase: &str) -> Result<DataKey> {
        if self.format != 1 || self.kdf.algorithm != "argon2id" {
            return Err(VaultError::Damaged("unknown key file format".into()));
        }
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

    /// The same data key under a new passphrase (fresh salt and nonce).
    pub fn rewrap(&self, old: &str, new: &str) -> Result<KeyFile> {
        check_strength(new)?;
        let key = self.unwrap_key(old)?;
        Self::wrap(&key, new)
    }

    pub fn read(path: &Path) -> Result<KeyFile> {
        let text = std::fs::read_to_string(path)?;
        serde_json::from_str(&text).map_err(|e| VaultError::Damaged(e.to_string()))
    }

    /// Written to a temp file, synced, then renamed: a crash leaves the old or the new file.
    pub fn write(&self, path: &Path) -> Result<()> {
        use std::io::Write;
        let tmp = path.with_extension("tmp");
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(serde_json::to_string_pretty(self)?.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent() {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_passphrase_unwraps_the_same_key_and_a_wrong_one_fails() {
        let (file, key) = KeyFile::create("korrekt hest batteri").expect("create");
        assert_eq!(
            file.unwrap_key("korrekt hest batteri").expect("unwrap").0,
            key.0
        );
        assert!(matches!(
            file.unwrap_key("forkert hest batteri"),
            Err(VaultError::WrongPassphrase)
        ));
    }

    #[test]
    fn rewrapping_keeps_the_key_and_drops_the_old_passphrase() {
        let (file, key) = KeyFile::create("første kodeord her").expect("create");
        let new = file
            .rewrap("første kodeord her", "andet kodeord her!")
            .expect("rewrap");
        assert_eq!(
            new.unwrap_key("andet kodeord her!").expect("unwrap").0,
            key.0
        );
        assert!(matches!(
            new.unwrap_key("første kodeord her"),
            Err(VaultError::WrongPassphrase)
        ));
        assert_ne!(new.kdf.salt, file.kdf.salt);
    }

    #[test]
    fn short_passphrases_are_refused() {
        assert!(matches!(
            KeyFile::create("kort"),
            Err(VaultError::WeakPassphrase)
        ));
    }

    #[test]
    fn parameters_meet_owasps_minimum() {
        let (file, _) = KeyFile::create("et langt kodeord").expect("create");
        assert!(file.kdf.memory_kib >= 19 * 1024 && file.kdf.passes >= 2 && file.kdf.lanes >= 1);
        assert_eq!(file.kdf.algorithm, "argon2id");
    }
}
