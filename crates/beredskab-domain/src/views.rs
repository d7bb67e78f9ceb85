//! Read-only views over the pack in use, as the app's screens and the CLI need them.

use crate::content::{Card, Category, Contact, LegalRef, PackSource, Role, Sign};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PackInfo {
    pub title: String,
    pub version: String,
    pub publisher: String,
    pub released: String,
    pub source: PackSource,
    /// Set when the pack came as a signed release from the central service.
    pub release: Option<ReleaseInfo>,
    pub signs: u32,
    pub cards: u32,
    pub contacts: u32,
    pub legal: u32,
}

/// Which signed release a pack came from, and who published it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ReleaseInfo {
    pub number: u32,
    pub publisher: String,
    /// UTC, RFC 3339.
    pub published_at: String,
    /// The signing key's id, as `beredskab-server publisher-key` printed it.
    pub key_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SignsView {
    pub caution: String,
    pub categories: Vec<Category>,
    pub signs: Vec<Sign>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct CardSummary {
    pub id: String,
    pub title: String,
    pub roles: Vec<Role>,
    pub acute: bool,
    pub on_home: bool,
    pub needs_verification: bool,
}

impl CardSummary {
    pub fn of(card: &Card) -> CardSummary {
        CardSummary {
            id: card.id.clone(),
            title: card.title.clone(),
            roles: card.roles.clone(),
            acute: card.acute,
            on_home: card.on_home,
            needs_verification: card.needs_verification,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SignRef {
    pub id: String,
    pub title: String,
}

impl SignRef {
    pub fn of(sign: &Sign) -> SignRef {
        SignRef {
            id: sign.id.clone(),
            title: sign.title.clone(),
        }
    }
}

/// An action card with everything it points to, resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct CardView {
    pub card: Card,
    pub contacts: Vec<Contact>,
    pub legal: Vec<LegalRef>,
    /// The signs that lead to this card.
    pub signs: Vec<SignRef>,
}
