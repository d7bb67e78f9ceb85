//! Turning what a person types into an FTS5 query.

use super::normalize::{stem, words};

/// Words too common to narrow a loose (any-word) search.
const STOP_WORDS: [&str; 24] = [
    "og", "i", "at", "er", "en", "et", "der", "den", "det", "de", "som", "på", "med", "for", "til",
    "af", "har", "jeg", "du", "vi", "om", "men", "så", "sig",
];

/// The stems of a query, each matched as a prefix so results come while typing,
/// with the word each came from (for "Mente du …?").
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerms {
    pub stems: Vec<String>,
    pub words: Vec<String>,
}

impl QueryTerms {
    pub fn parse(query: &str) -> QueryTerms {
        let mut stems: Vec<String> = Vec::new();
        let mut typed: Vec<String> = Vec::new();
        for (_, word) in words(query) {
            let s = stem(word);
            if !stems.contains(&s) {
                stems.push(s);
                typed.push(word.to_lowercase());
            }
        }
        QueryTerms {
            stems,
            words: typed,
        }
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

/// Like `fts_query`, but each word may be one of several stems (a word and
/// the indexed words one edit from it): `"a"* AND ("b"* OR "c"*)`.
pub fn fts_query_alternatives(groups: &[Vec<String>], mode: Mode) -> Option<String> {
    let parts: Vec<String> = groups
        .iter()
        .filter(|g| mode == Mode::All || !(g.len() == 1 && STOP_WORDS.contains(&g[0].as_str())))
        .filter(|g| !g.is_empty())
        .map(|g| {
            let alternatives: Vec<String> = g.iter().map(|s| format!("\"{s}\"*")).collect();
            if alternatives.len() == 1 {
                alternatives[0].clone()
            } else {
                format!("({})", alternatives.join(" OR "))
            }
        })
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
