//! Danish full-text search over a pack: SQLite FTS5 over text that Rust has
//! already folded (case, aa → å) and stemmed (Snowball Danish), so the same
//! code prepares what is indexed and what is asked for.

mod documents;
mod highlight;
mod hit;
mod normalize;
mod query;
mod stemmed;

pub use documents::{documents, Document};
pub use highlight::{highlight, snippet, Segment};
pub use hit::{ItemKind, SearchHit};
pub use normalize::{fold, stem, words};
pub use query::{fts_query, Mode, QueryTerms};
pub use stemmed::{StemmedText, Word};
