//! Turning what a person types into an FTS5 query.

use super::normalize::{stem, words};

/// Words too common to narrow a loose (any-word) search.
const STOP_WORDS: [&str; 24] = [
    "og", "i", "at", "er", "en", "et", "der", "den", "det", "de", "som", "på", "med", "for", "til",
    "af", "har", "jeg", "du", "vi", "om", "men", "så", "sig",
];

/// The stems of a query, each matched as a prefix so results come while typing.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerms {
    pub stems: Vec<String>,
}

impl QueryTerms {
    pub fn parse(query: &str) -> QueryTerms {
        let mut stems: Vec<String> = Vec::new();
        for (_, word) in words(query) {
            let s = stem(word);
            if !stems.contains(&s) {
                stems.push(s);
            }
        }
        QueryTerms { stems }
    }

    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }
}

/// `All`: every word must match; `Any`: at least one (stop words left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    All,
    Any,
}

/// The FTS5 MATCH expression, or None when nothing searchable is left.
/// Terms are quoted, so FTS5 operators typed by the user are plain words.
pub fn fts_query(terms: &QueryTerms, mode: Mode) -> Option<String> {
    let parts: Vec<String> = terms
        .stems
        .iter()
        .filter(|s| mode == Mode::All || !STOP_WORDS.contains(&s.as_str()))
        .map(|s| format!("\"{s}\"*"))
        .collect();
    if parts.is_empty() {
        return None;
    }
    let joiner = if mode == Mode::All { " AND " } else { " OR " };
    Some(parts.join(joiner))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_operators_become_plain_words() {
        let terms = QueryTerms::parse("pas OR \"NEAR(x\" *");
        assert_eq!(
            fts_query(&terms, Mode::All).as_deref(),
            Some("\"pas\"* AND \"or\"* AND \"near\"* AND \"x\"*")
        );
    }

    #[test]
    fn any_mode_drops_stop_words() {
        let terms = QueryTerms::parse("bror og søster");
        let q = fts_query(&terms, Mode::Any).unwrap_or_default();
        assert!(!q.contains("\"og\""), "{q}");
        assert!(q.contains(" OR "), "{q}");
    }

    #[test]
    fn punctuation_only_gives_no_query() {
        assert_eq!(fts_query(&QueryTerms::parse(" §§ -- "), Mode::All), None);
    }
}
