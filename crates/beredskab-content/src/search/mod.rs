//! Danish full-text search over a pack: SQLite FTS5 over text that Rust has
//! already folded (case, aa → å) and stemmed (Snowball Danish), so the same
//! code prepares what is indexed and what is asked for.

mod documents;
mod fuzzy;
mod highlight;
mod hit;
mod index;
mod normalize;
mod query;
mod stemmed;

pub use documents::{documents, Document};
pub use fuzzy::{within_one_edit, Vocabulary, MIN_FUZZY_CHARS};
pub use highlight::{highlight, snippet, Segment};
pub use hit::{ItemKind, SearchHit, SearchResults};
pub use index::{Index, SEARCH_LIMIT};
pub use normalize::{fold, stem, words};
pub use query::{fts_query, fts_query_alternatives, Mode, QueryTerms};
pub use stemmed::{StemmedText, Word};
