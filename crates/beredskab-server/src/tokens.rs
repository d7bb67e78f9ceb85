//! Secrets the service hands out: enrollment codes and device credentials.
//! Only their SHA-256 is stored; both carry enough randomness (80 and 256
//! bits) that a plain hash cannot be reversed by guessing.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use beredskab_protocol::enroll::{CODE_ALPHABET, CODE_LENGTH};
use sha2::{Digest, Sha256};

pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // Without the OS's randomness no secret can be made; nothing sensible goes on.
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    bytes
}

/// A device credential: 256 random bits, base64url.
pub fn new_credential() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// An enrollment code in its stored form (16 letters of a 32-letter alphabet).
pub fn new_enrollment_code() -> String {
    random_bytes::<CODE_LENGTH>()
        .iter()
        // 256 is a multiple of 32: every letter equally likely.
        .map(|b| CODE_ALPHABET[(*b as usize) % CODE_ALPHABET.len()] as char)
        .collect()
}

/// 32 random bytes for a store key or a signing key.
pub fn new_key() -> [u8; 32] {
    random_bytes::<32>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_and_differ() {
        let a = new_credential();
        assert!(a.len() >= 43, "{a}");
        assert_ne!(a, new_credential());
        let code = new_enrollment_code();
        assert_eq!(code.len(), CODE_LENGTH);
        assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)));
        assert_eq!(hash("x").len(), 64);
    }
}
