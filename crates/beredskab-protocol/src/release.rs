//! Signed content releases. A release is a numbered pack: a manifest naming
//! every file with its SHA-256, signed with the publisher's Ed25519 key (kept
//! offline), and the files themselves. The app verifies the signature against
//! the keys it trusts and every file against the manifest before it reads a
//! word of the pack.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Signed bytes start with this, so a signature over anything else never verifies as a release.
const SIGNING_CONTEXT: &[u8] = b"beredskab-release-v1\n";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FileDigest {
    pub path: String,
    /// Hex SHA-256 of the file's UTF-8 bytes.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReleaseManifest {
    /// 1, 2, 3…: a release never replaces a higher number.
    pub number: u32,
    /// The pack's own version (`pack.toml`).
    pub pack_version: String,
    pub published_at: DateTime<Utc>,
    /// Who published it, as the app shows it ("Beskæftigelses- og Integrationsforvaltningen").
    pub publisher: String,
    /// Sorted by path.
    pub files: Vec<FileDigest>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReleaseFile {
    pub path: String,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignedRelease {
    pub manifest: ReleaseManifest,
    /// Which key signed it (`PublisherKey::key_id`).
    pub key_id: String,
    /// Base64 Ed25519 signature over the context and the manifest's JSON.
    pub signature: String,
    pub files: Vec<ReleaseFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReleaseError {
    #[error("the release is signed with a key this app does not trust ({key_id})")]
    UnknownKey { key_id: String },
    #[error("the signature does not match the release")]
    BadSignature,
    #[error("{path} does not match its hash in the manifest")]
    FileChanged { path: String },
    #[error("{path} is named in the manifest but missing")]
    FileMissing { path: String },
    #[error("{path} is not named in the manifest")]
    FileExtra { path: String },
    #[error("release {got} is not newer than release {have} in use")]
    NotNewer { have: u32, got: u32 },
    #[error("not a publisher key")]
    BadKey,
}

/// A publisher's public key, as the app ships it (base64 of 32 bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublisherKey(VerifyingKey);

impl PublisherKey {
    pub fn parse(text: &str) -> Result<PublisherKey, ReleaseError> {
        let bytes: [u8; 32] = BASE64
            .decode(text.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(ReleaseError::BadKey)?;
        VerifyingKey::from_bytes(&bytes)
            .map(PublisherKey)
            .map_err(|_| ReleaseError::BadKey)
    }

    pub fn of(signing: &SigningKey) -> PublisherKey {
        PublisherKey(signing.verifying_key())
    }

    pub fn to_base64(&self) -> String {
        BASE64.encode(self.0.as_bytes())
    }

    /// The first 8 bytes of the key's SHA-256, in hex: short enough to read out.
    pub fn key_id(&self) -> String {
        hex::encode(&Sha256::digest(self.0.as_bytes())[..8])
    }
}

/// The publisher's signing key from its file (base64 of the 32-byte seed).
pub fn signing_key_from_base64(text: &str) -> Result<SigningKey, ReleaseError> {
    let seed: [u8; 32] = BASE64
        .decode(text.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(ReleaseError::BadKey)?;
    Ok(SigningKey::from_bytes(&seed))
}

pub fn signing_key_to_base64(key: &SigningKey) -> String {
    BASE64.encode(key.to_bytes())
}

pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn signed_bytes(manifest: &ReleaseManifest) -> Vec<u8> {
    let mut bytes = SIGNING_CONTEXT.to_vec();
    // A struct with fixed field order and sorted files: the same JSON on both sides.
    bytes.extend(serde_json::to_vec(manifest).unwrap_or_default());
    bytes
}

impl SignedRelease {
    /// Signs `files` (path → content) as release `number`.
    pub fn sign(
        number: u32,
        pack_version: &str,
        publisher: &str,
        published_at: DateTime<Utc>,
        files: &BTreeMap<String, String>,
        key: &SigningKey,
    ) -> SignedRelease {
        let manifest = ReleaseManifest {
            number,
            pack_version: pack_version.to_string(),
            published_at,
            publisher: publisher.to_string(),
            files: files
                .iter()
                .map(|(path, content)| FileDigest {
                    path: path.clone(),
                    sha256: sha256_hex(content),
                })
                .collect(),
        };
        let signature = key.sign(&signed_bytes(&manifest));
        SignedRelease {
            key_id: PublisherKey::of(key).key_id(),
            signature: BASE64.encode(signature.to_bytes()),
            manifest,
            files: files
                .iter()
                .map(|(path, content)| ReleaseFile {
                    path: path.clone(),
                    content: content.clone(),
                })
                .collect(),
        }
    }

    /// Checks the signature with a trusted key and every file against the
    /// manifest; returns the files only if all of it holds.
    pub fn verify(&self, trusted: &[PublisherKey]) -> Result<Vec<(String, String)>, ReleaseError> {
        let key = trusted
            .iter()
            .find(|k| k.key_id() == self.key_id)
            .ok_or_else(|| ReleaseError::UnknownKey {
                key_id: self.key_id.clone(),
            })?;
        let signature: [u8; 64] = BASE64
            .decode(&self.signature)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(ReleaseError::BadSignature)?;
        key.0
            .verify(
                &signed_bytes(&self.manifest),
                &Signature::from_bytes(&signature),
            )
            .map_err(|_| ReleaseError::BadSignature)?;
        let mut named: BTreeMap<&str, &str> = self
            .manifest
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.sha256.as_str()))
            .collect();
        let mut files = Vec::with_capacity(self.files.len());
        for file in &self.files {
            let expected =
                named
                    .remove(file.path.as_str())
                    .ok_or_else(|| ReleaseError::FileExtra {
                        path: file.path.clone(),
                    })?;
            if sha256_hex(&file.content) != expected {
                return Err(ReleaseError::FileChanged {
                    path: file.path.clone(),
                });
            }
            files.push((file.path.clone(), file.content.clone()));
        }
        if let Some((path, _)) = named.into_iter().next() {
            return Err(ReleaseError::FileMissing {
                path: path.to_string(),
            });
        }
        Ok(files)
    }

    /// A release replaces only a lower number.
    pub fn check_newer(&self, in_use: Option<u32>) -> Result<(), ReleaseError> {
        match in_use {
            Some(have) if self.manifest.number <= have => Err(ReleaseError::NotNewer {
                have,
                got: self.manifest.number,
            }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn release(number: u32, signer: &SigningKey) -> SignedRelease {
        let files = BTreeMap::from([
            ("pack.toml".to_string(), "format = 2\n".to_string()),
            ("contacts.toml".to_string(), "# kontakter\n".to_string()),
        ]);
        let at = DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z")
            .expect("time")
            .with_timezone(&Utc);
        SignedRelease::sign(number, "2.0.0", "BIF", at, &files, signer)
    }

    #[test]
    fn a_signed_release_verifies_with_its_key_only() {
        let publisher = key(7);
        let trusted = [PublisherKey::of(&publisher)];
        let good = release(3, &publisher);
        assert_eq!(good.verify(&trusted).map(|f| f.len()), Ok(2));
        let other = release(3, &key(8));
        assert!(matches!(
            other.verify(&trusted),
            Err(ReleaseError::UnknownKey { .. })
        ));
        let mut forged = release(3, &key(8));
        forged.key_id = good.key_id.clone();
        assert_eq!(forged.verify(&trusted), Err(ReleaseError::BadSignature));
    }

    #[test]
    fn any_change_to_a_file_or_the_manifest_is_refused() {
        let publisher = key(7);
        let trusted = [PublisherKey::of(&publisher)];
        let good = release(3, &publisher);
        let mut changed = good.clone();
        changed.files[0].content.push(' ');
        assert!(matches!(
            changed.verify(&trusted),
            Err(ReleaseError::FileChanged { .. })
        ));
        let mut renumbered = good.clone();
        renumbered.manifest.number = 4;
        assert_eq!(renumbered.verify(&trusted), Err(ReleaseError::BadSignature));
        let mut dropped = good.clone();
        dropped.files.pop();
        assert!(matches!(
            dropped.verify(&trusted),
            Err(ReleaseError::FileMissing { .. })
        ));
        let mut extra = good;
        extra.files.push(ReleaseFile {
            path: "cards/ny.toml".into(),
            content: "x".into(),
        });
        assert!(matches!(
            extra.verify(&trusted),
            Err(ReleaseError::FileExtra { .. })
        ));
    }

    #[test]
    fn only_a_newer_release_replaces_the_one_in_use() {
        let r = release(3, &key(7));
        assert!(r.check_newer(None).is_ok());
        assert!(r.check_newer(Some(2)).is_ok());
        assert_eq!(
            r.check_newer(Some(3)),
            Err(ReleaseError::NotNewer { have: 3, got: 3 })
        );
    }

    #[test]
    fn keys_round_trip_through_their_text_form() {
        let k = key(9);
        let public = PublisherKey::of(&k);
        assert_eq!(PublisherKey::parse(&public.to_base64()), Ok(public.clone()));
        let again = signing_key_from_base64(&signing_key_to_base64(&k)).expect("key");
        assert_eq!(PublisherKey::of(&again), public);
        assert_eq!(PublisherKey::parse("kort"), Err(ReleaseError::BadKey));
    }
}
