//! The pack in use, served from memory and kept in the store: opening with
//! recovery, reading views, searching, and replacing the pack safely.

use crate::error::{CoreError, Result};
use crate::locale::{text, text_with, Locale};
use crate::model::Pack;
use crate::pack;
use crate::search::{self, Document, ItemKind, Mode, QueryTerms, SearchHit};
use crate::store::{Opened, PackSource, Store};
use crate::views::{CardSummary, CardView, Notice, PackInfo, SignRef, SignsView};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

pub const STORE_FILE: &str = "beredskab.db";
const LOCALE_KEY: &str = "locale";
/// At most this many results reach the UI.
pub const SEARCH_LIMIT: usize = 50;
const SNIPPET_WORDS: usize = 24;

pub struct Library {
    store: Store,
    pack: Pack,
    source: PackSource,
    docs: Docs,
}

/// What happened while opening, for notices shown once at start-up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpenReport {
    pub store_rebuilt: bool,
    /// The store could not be used at all; the embedded pack is served from memory.
    pub store_unavailable: bool,
    pub pack_updated_to: Option<String>,
}

impl OpenReport {
    pub fn notices(&self) -> Vec<Notice> {
        let mut notices = Vec::new();
        if self.store_unavailable {
            notices.push(Notice {
                code: "store_failed".into(),
                message: text("errors.store_failed"),
            });
        }
        if self.store_rebuilt {
            notices.push(Notice {
                code: "store_rebuilt".into(),
                message: text("notices.store_rebuilt"),
            });
        }
        if let (false, Some(version)) = (self.store_rebuilt, &self.pack_updated_to) {
            let message = text_with("notices.pack_updated", &[("version", version)]);
            notices.push(Notice {
                code: "pack_updated".into(),
                message,
            });
        }
        notices
    }
}

impl Library {
    /// Opens the store in `data_dir`, rebuilding it if damaged, and makes sure it
    /// holds a pack: the embedded one on first run or when the embedded one is newer.
    pub fn open(data_dir: &Path, today: NaiveDate) -> Result<(Library, OpenReport)> {
        std::fs::create_dir_all(data_dir).map_err(|e| CoreError::PackUnreadable(e.to_string()))?;
        let (store, opened) = Store::open(&data_dir.join(STORE_FILE))?;
        let mut report = OpenReport {
            store_rebuilt: matches!(opened, Opened::Rebuilt { .. }),
            ..Default::default()
        };
        let library = Self::with_store(store, today, &mut report)?;
        Ok((library, report))
    }

    /// A library over `pack` alone, in memory: for the CLI and benchmarks.
    pub fn in_memory(pack: Pack, source: PackSource) -> Result<Library> {
        let mut store = Store::open_in_memory()?;
        let docs = store_pack(&mut store, &pack, source)?;
        Ok(Library {
            docs,
            store,
            pack,
            source,
        })
    }

    fn with_store(mut store: Store, today: NaiveDate, report: &mut OpenReport) -> Result<Library> {
        // Messages are Danish unless the user chose otherwise.
        let locale = store
            .setting(LOCALE_KEY)?
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or_default();
        locale.activate();
        let embedded = pack::load_embedded(today)?;
        let stored = store.stored_pack()?;
        let first_import = stored.is_none();
        match stored {
            Some(stored)
                if stored.source == PackSource::Folder
                    || stored.pack.meta.version >= embedded.meta.version =>
            {
                let docs = index_docs(&stored.pack);
                Ok(Library {
                    docs,
                    store,
                    pack: stored.pack,
                    source: stored.source,
                })
            }
            _ => {
                let docs = store_pack(&mut store, &embedded, PackSource::Embedded)?;
                if !first_import {
                    report.pack_updated_to = Some(embedded.meta.version.to_string());
                }
                Ok(Library {
                    docs,
                    store,
                    pack: embedded,
                    source: PackSource::Embedded,
                })
            }
        }
    }

    /// The store, for benchmarks that compare against raw FTS5 queries.
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    pub fn info(&self) -> PackInfo {
        let meta = &self.pack.meta;
        PackInfo {
            title: meta.title.clone(),
            version: meta.version.to_string(),
            publisher: meta.publisher.clone(),
            released: meta.released.to_string(),
            source: self.source,
            signs: self.pack.signs.len(),
            cards: self.pack.cards.len(),
            contacts: self.pack.contacts.len(),
            legal: self.pack.legal.len(),
        }
    }

    pub fn locale(&self) -> Result<Locale> {
        Ok(self
            .store
            .setting(LOCALE_KEY)?
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or_default())
    }

    pub fn set_locale(&self, locale: Locale) -> Result<()> {
        self.store.set_setting(LOCALE_KEY, locale.code())?;
        locale.activate();
        Ok(())
    }

    pub fn signs_view(&self) -> SignsView {
        SignsView {
            caution: self.pack.meta.signs_caution.clone(),
            categories: self.pack.meta.categories.clone(),
            signs: self.pack.signs.clone(),
        }
    }

    pub fn cards(&self) -> Vec<CardSummary> {
        let mut cards: Vec<CardSummary> = self
            .pack
            .cards
            .iter()
            .map(crate::guidance::summary)
            .collect();
        cards.sort_by_key(|c| !c.acute);
        cards
    }

    pub fn card_view(&self, id: &str) -> Result<CardView> {
        let card = self.pack.card(id).ok_or_else(|| CoreError::NotFound {
            kind: "card",
            id: id.to_string(),
        })?;
        Ok(CardView {
            card: card.clone(),
            contacts: card
                .contacts
                .iter()
                .filter_map(|c| self.pack.contact(c))
                .cloned()
                .collect(),
            legal: card
                .legal
                .iter()
                .filter_map(|l| self.pack.legal_ref(l))
                .cloned()
                .collect(),
            signs: self
                .pack
                .signs
                .iter()
                .filter(|s| s.cards.iter().any(|c| c == id))
                .map(|s| SignRef {
                    id: s.id.clone(),
                    title: s.title.clone(),
                })
                .collect(),
        })
    }

    /// Ranked results: items matching every word first, then items matching any.
    pub fn search(&self, query: &str) -> Result<Vec<SearchHit>> {
        let terms = QueryTerms::parse(query);
        let mut ranked: Vec<(ItemKind, String, f64)> = Vec::new();
        for mode in [Mode::All, Mode::Any] {
            if ranked.len() >= SEARCH_LIMIT || (mode == Mode::Any && terms.stems.len() < 2) {
                break;
            }
            let Some(fts) = search::fts_query(&terms, mode) else {
                continue;
            };
            for hit in self.store.match_index(&fts, SEARCH_LIMIT)? {
                if !ranked.iter().any(|(k, id, _)| *k == hit.0 && *id == hit.1)
                    && ranked.len() < SEARCH_LIMIT
                {
                    ranked.push(hit);
                }
            }
        }
        Ok(ranked
            .into_iter()
            .filter_map(|(kind, id, score)| {
                let doc = self.docs.get(&(kind, id))?;
                Some(SearchHit {
                    kind,
                    id: doc.id.clone(),
                    title: search::highlight(&doc.title, &terms.stems),
                    snippet: search::snippet(&doc.body, &terms.stems, SNIPPET_WORDS),
                    score,
                })
            })
            .collect())
    }

    /// Validates the pack in `dir` and, only if it has no problems, makes it the pack in use.
    pub fn load_folder(&mut self, dir: &Path, today: NaiveDate) -> Result<PackInfo> {
        let pack = pack::load_dir(dir, today)?;
        self.replace(pack, PackSource::Folder)
    }

    pub fn reset_to_embedded(&mut self, today: NaiveDate) -> Result<PackInfo> {
        let pack = pack::load_embedded(today)?;
        self.replace(pack, PackSource::Embedded)
    }

    fn replace(&mut self, pack: Pack, source: PackSource) -> Result<PackInfo> {
        self.docs = store_pack(&mut self.store, &pack, source)?;
        self.pack = pack;
        self.source = source;
        Ok(self.info())
    }
}

type Docs = HashMap<(ItemKind, String), Document>;

/// Stems the pack's text once, for both the stored index and highlighting.
fn store_pack(store: &mut Store, pack: &Pack, source: PackSource) -> Result<Docs> {
    let docs = search::documents(pack);
    store.replace_pack(pack, source, &docs)?;
    Ok(docs
        .into_iter()
        .map(|d| ((d.kind, d.id.clone()), d))
        .collect())
}

fn index_docs(pack: &Pack) -> Docs {
    search::documents(pack)
        .into_iter()
        .map(|d| ((d.kind, d.id.clone()), d))
        .collect()
}
