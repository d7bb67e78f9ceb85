//! Danish full-text search over a pack: SQLite FTS5 over text that Rust has
//! already folded (case, aa → å) and stemmed (Snowball Danish), so the same
//! code prepares what is indexed and what is asked for.

mod documents;
mod highlight;
mod normalize;
mod query;
mod stemmed;

pub use documents::{documents, Document};
pub use highlight::{highlight, snippet, Segment};
pub use normalize::{fold, stem, words};
pub use query::{fts_query, Mode, QueryTerms};
pub use stemmed::{StemmedText, Word};

use serde::{Deserialize, Serialize};
use specta::Type;

/// What a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Card,
    Sign,
    Contact,
    Legal,
}

/// One ranked result, with the matched words marked for display.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SearchHit {
    pub kind: ItemKind,
    pub id: String,
    pub title: Vec<Segment>,
    pub snippet: Vec<Segment>,
    /// bm25 score; lower is better, as SQLite reports it.
    pub score: f64,
}
