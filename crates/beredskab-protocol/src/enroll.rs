//! Enrollment: a one-time code from the administration turns a laptop into a
//! device with its own credential.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EnrollRequest {
    /// The one-time code, as printed by `beredskab-server enroll`.
    pub code: String,
    /// A name the administration recognises the laptop by (no person's name).
    pub device_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrollResponse {
    pub device_id: Uuid,
    /// At least 128 random bits, base64url; the server keeps only its hash.
    pub credential: String,
    /// The unit the code was made for; the device uploads only for it.
    pub unit: String,
}

/// Codes are read aloud and typed: letters and digits that cannot be confused.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// 16 characters of a 32-letter alphabet: 80 bits.
pub const CODE_LENGTH: usize = 16;

/// The code as typed (spaces, dashes, lower case) in its stored form.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The code in groups of four, as shown to people.
pub fn display_code(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_typed_as_people_type_it() {
        assert_eq!(normalise_code(" abcd-efgh 2345-6789 "), "ABCDEFGH23456789");
        assert_eq!(display_code("ABCDEFGH23456789"), "ABCD-EFGH-2345-6789");
    }
}
