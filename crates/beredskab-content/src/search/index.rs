//! The pack's search documents in memory — for highlighting and "Mente du" —
//! and how a query runs against the FTS5 index: every word first, then any
//! word, then, if that found too little, the words one letter away from the
//! query's unknown words, ranked after everything found exactly.

use super::documents::Document;
use super::fuzzy::{Vocabulary, MIN_FUZZY_CHARS};
use super::highlight::{highlight, snippet};
use super::hit::{ItemKind, SearchHit, SearchResults};
use super::query::{fts_query_alternatives, Mode, QueryTerms};
use crate::error::Result;
use crate::store::Store;
use std::collections::HashMap;

/// At most this many results reach the UI.
pub const SEARCH_LIMIT: usize = 50;
const SNIPPET_WORDS: usize = 24;
/// Near words tried for one unknown word.
const MAX_ALTERNATIVES: usize = 3;

pub struct Index {
    docs: HashMap<(ItemKind, String), Document>,
    vocabulary: Vocabulary,
}

impl Index {
    pub fn new(docs: Vec<Document>) -> Index {
        let mut vocabulary = Vocabulary::default();
        for doc in &docs {
            for text in [&doc.title, &doc.body] {
                for word in &text.words {
                    vocabulary.add(&word.stem, &text.text[word.start..word.end]);
                }
            }
        }
        Index {
            docs: docs
                .into_iter()
                .map(|d| ((d.kind, d.id.clone()), d))
                .collect(),
            vocabulary,
        }
    }

    pub fn search(&self, store: &Store, query: &str) -> Result<SearchResults> {
        let terms = QueryTerms::parse(query);
        let exact: Vec<Vec<String>> = terms.stems.iter().map(|s| vec![s.clone()]).collect();
        let mut ranked = Vec::new();
        self.run(store, &exact, &mut ranked)?;
        let found_exactly = ranked.len();
        let mut stems = terms.stems.clone();
        let mut suggestion = None;
        if ranked.len() < SEARCH_LIMIT {
            let near = self.near_words(&terms);
            if near.iter().any(|alternatives| alternatives.len() > 1) {
                self.run(store, &near, &mut ranked)?;
                stems.extend(near.iter().flatten().cloned());
                if found_exactly == 0 && ranked.len() > found_exactly {
                    suggestion = Some(self.meant(&terms, &near));
                }
            }
        }
        let hits = ranked
            .into_iter()
            .filter_map(|(kind, id, score)| {
                let doc = self.docs.get(&(kind, id))?;
                Some(SearchHit {
                    kind,
                    id: doc.id.clone(),
                    title: highlight(&doc.title, &stems),
                    snippet: snippet(&doc.body, &stems, SNIPPET_WORDS),
                    score,
                })
            })
            .collect();
        Ok(SearchResults { hits, suggestion })
    }

    /// Every word, then any word; appends what is not already ranked.
    fn run(
        &self,
        store: &Store,
        groups: &[Vec<String>],
        ranked: &mut Vec<(ItemKind, String, f64)>,
    ) -> Result<()> {
        for mode in [Mode::All, Mode::Any] {
            if ranked.len() >= SEARCH_LIMIT || (mode == Mode::Any && groups.len() < 2) {
                break;
            }
            let Some(fts) = fts_query_alternatives(groups, mode) else {
                continue;
            };
            for hit in store.match_index(&fts, SEARCH_LIMIT)? {
                if ranked.len() < SEARCH_LIMIT
                    && !ranked.iter().any(|(k, id, _)| *k == hit.0 && *id == hit.1)
                {
                    ranked.push(hit);
                }
            }
        }
        Ok(())
    }

    /// Each query word with the indexed words one edit away, for the long
    /// words the index does not know; known and short words stay as typed.
    fn near_words(&self, terms: &QueryTerms) -> Vec<Vec<String>> {
        terms
            .stems
            .iter()
            .zip(&terms.words)
            .map(|(stem, typed)| {
                let mut group = vec![stem.clone()];
                if typed.chars().count() >= MIN_FUZZY_CHARS && !self.vocabulary.knows(stem) {
                    group.extend(
                        self.vocabulary
                            .near(stem)
                            .into_iter()
                            .take(MAX_ALTERNATIVES)
                            .map(str::to_string),
                    );
                }
                group
            })
            .collect()
    }

    /// The query as it was probably meant: each corrected word replaced by the
    /// word its nearest indexed stem most often stands for.
    fn meant(&self, terms: &QueryTerms, near: &[Vec<String>]) -> String {
        terms
            .words
            .iter()
            .zip(near)
            .map(|(typed, group)| match group.get(1) {
                Some(best) => self.vocabulary.shown(best).unwrap_or(typed).to_string(),
                None => typed.clone(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }
}
