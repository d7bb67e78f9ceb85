//! What the UI and the CLI receive: views over the pack in use.

use crate::locale::Locale;
use crate::model::{Card, Category, Contact, LegalRef, Role, Sign};
use crate::store::PackSource;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PackInfo {
    pub title: String,
    pub version: String,
    pub publisher: String,
    pub released: String,
    pub source: PackSource,
    pub signs: usize,
    pub cards: usize,
    pub contacts: usize,
    pub legal: usize,
}

/// Something the user should know about start-up or the pack, already localised.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Notice {
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppState {
    pub pack: PackInfo,
    pub locale: Locale,
    pub notices: Vec<Notice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SignsView {
    pub caution: String,
    pub categories: Vec<Category>,
    pub signs: Vec<Sign>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CardSummary {
    pub id: String,
    pub title: String,
    pub roles: Vec<Role>,
    pub acute: bool,
    pub on_home: bool,
    pub needs_verification: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SignRef {
    pub id: String,
    pub title: String,
}

/// An action card with everything it points to, resolved.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CardView {
    pub card: Card,
    pub contacts: Vec<Contact>,
    pub legal: Vec<LegalRef>,
    /// The signs that lead to this card.
    pub signs: Vec<SignRef>,
}
