//! What a search finds: the kind of item, and one ranked result.

use super::highlight::Segment;
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

/// What a search returns: ranked hits (exact matches first, then matches of
/// words one letter away) and, when only the latter matched, the query as it
/// probably was meant.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// "Mente du …?": the query with its unknown words replaced by near ones.
    pub suggestion: Option<String>,
}
