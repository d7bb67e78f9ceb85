//! The pack in use, served from memory and kept in the store: opening with
//! recovery, reading views, searching, and replacing the pack safely.

use crate::embedded::embedded_version;
use crate::error::{ContentError, Result};
use crate::load::{load_dir, load_embedded, LoadedPack};
use crate::notice::{Notice, NoticeCode};
use crate::search::{self, Index, SearchResults};
use crate::store::pack_rows::Slot;
use crate::store::{Opened, Store, StoredPack};
use beredskab_domain::content::{Pack, PackSource};
use beredskab_domain::pack::PackFiles;
use beredskab_domain::views::{CardSummary, CardView, PackInfo, ReleaseInfo, SignRef, SignsView};
use beredskab_domain::Locale;
use chrono::NaiveDate;
use std::path::Path;
use std::sync::Arc;

pub const STORE_FILE: &str = "beredskab.db";
const LOCALE_KEY: &str = "locale";

pub struct Library {
    store: Store,
    pack: Arc<Pack>,
    source: PackSource,
    release: Option<ReleaseInfo>,
    index: Index,
}

/// What happened while opening, for notices shown at start-up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpenReport {
    pub notices: Vec<Notice>,
}

impl OpenReport {
    pub fn with(notice: Notice) -> OpenReport {
        OpenReport {
            notices: vec![notice],
        }
    }
}

impl Library {
    /// Opens the store in `data_dir`, rebuilding it if damaged, and makes sure
    /// it serves a pack: the stored one, the embedded one on first run or when
    /// the embedded one is newer, and never a silent replacement of a pack
    /// that cannot be read.
    pub fn open(data_dir: &Path, today: NaiveDate) -> Result<(Library, OpenReport)> {
        std::fs::create_dir_all(data_dir).map_err(|e| ContentError::StoreFile(e.to_string()))?;
        let (store, opened) = Store::open(&data_dir.join(STORE_FILE))?;
        let mut report = OpenReport::default();
        if matches!(opened, Opened::Rebuilt { .. }) {
            report.notices.push(Notice::new(NoticeCode::StoreRebuilt));
        }
        let library = Self::with_store(store, today, &mut report)?;
        Ok((library, report))
    }

    /// A library over `pack` alone, in memory: for the CLI, benchmarks and a
    /// store that cannot be used at all.
    pub fn in_memory(loaded: LoadedPack, source: PackSource) -> Result<Library> {
        let mut store = Store::open_in_memory()?;
        let docs = search::documents(&loaded.pack);
        store.replace_pack(&loaded.pack, &loaded.files, source, None, &docs)?;
        Ok(Library {
            index: Index::new(docs),
            store,
            pack: Arc::new(loaded.pack),
            source,
            release: None,
        })
    }

    fn with_store(store: Store, today: NaiveDate, report: &mut OpenReport) -> Result<Library> {
        match store.current_pack(today)? {
            Slot::Readable(stored) if !embedded_is_newer(&stored) => {
                Ok(Self::serve(store, *stored))
            }
            Slot::Readable(stored) => {
                let embedded = load_embedded(today)?;
                let version = embedded.pack.meta.version.to_string();
                let library = Self::import(store, embedded, PackSource::Embedded)?;
                if stored.pack.meta.version != library.pack.meta.version {
                    report
                        .notices
                        .push(Notice::new(NoticeCode::PackUpdated).with("version", version));
                }
                Ok(library)
            }
            Slot::Empty => Self::import(store, load_embedded(today)?, PackSource::Embedded),
            Slot::Unreadable { version } => {
                let unreadable = version;
                if let Slot::Readable(previous) = store.previous_pack(today)? {
                    let notice = Notice::new(NoticeCode::StoredPackUnreadablePreviousUsed)
                        .with("unreadable", unreadable)
                        .with("version", previous.pack.meta.version.to_string());
                    report.notices.push(notice);
                    return Self::serve_without_storing(store, *previous);
                }
                let embedded = load_embedded(today)?;
                let notice = Notice::new(NoticeCode::StoredPackUnreadableEmbeddedUsed)
                    .with("unreadable", unreadable)
                    .with("version", embedded.pack.meta.version.to_string());
                report.notices.push(notice);
                let stored = StoredPack {
                    pack: embedded.pack,
                    files: embedded.files,
                    source: PackSource::Embedded,
                    release: None,
                };
                Self::serve_without_storing(store, stored)
            }
        }
    }

    fn serve(store: Store, stored: StoredPack) -> Library {
        Library {
            index: Index::new(search::documents(&stored.pack)),
            store,
            pack: Arc::new(stored.pack),
            source: stored.source,
            release: stored.release,
        }
    }

    /// Serves a pack other than the stored current one, leaving the stored
    /// rows untouched; only the index (derived data) follows the served pack.
    fn serve_without_storing(mut store: Store, stored: StoredPack) -> Result<Library> {
        let docs = search::documents(&stored.pack);
        store.rebuild_index(&docs)?;
        Ok(Library {
            index: Index::new(docs),
            store,
            pack: Arc::new(stored.pack),
            source: stored.source,
            release: stored.release,
        })
    }

    fn import(mut store: Store, loaded: LoadedPack, source: PackSource) -> Result<Library> {
        let docs = search::documents(&loaded.pack);
        store.replace_pack(&loaded.pack, &loaded.files, source, None, &docs)?;
        Ok(Library {
            index: Index::new(docs),
            store,
            pack: Arc::new(loaded.pack),
            source,
            release: None,
        })
    }

    /// The store, for benchmarks that compare against raw FTS5 queries.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The pack in use, shared: callers keep it without holding the library.
    pub fn pack(&self) -> Arc<Pack> {
        Arc::clone(&self.pack)
    }

    pub fn source(&self) -> PackSource {
        self.source
    }

    pub fn info(&self) -> PackInfo {
        let meta = &self.pack.meta;
        PackInfo {
            title: meta.title.clone(),
            version: meta.version.to_string(),
            publisher: meta.publisher.clone(),
            released: meta.released.to_string(),
            source: self.source,
            release: self.release.clone(),
            signs: self.pack.signs.len() as u32,
            cards: self.pack.cards.len() as u32,
            contacts: self.pack.contacts.len() as u32,
            legal: self.pack.legal.len() as u32,
        }
    }

    /// The language chosen in settings; Danish until someone chooses.
    pub fn locale(&self) -> Result<Locale> {
        let Some(code) = self.store.setting(LOCALE_KEY)? else {
            return Ok(Locale::default());
        };
        Locale::parse(&code)
            .ok_or_else(|| ContentError::StoreFile(format!("unknown locale setting {:?}", code)))
    }

    pub fn set_locale(&self, locale: Locale) -> Result<()> {
        self.store.set_setting(LOCALE_KEY, locale.code())
    }

    pub fn signs_view(&self) -> SignsView {
        SignsView {
            caution: self.pack.meta.signs_caution.clone(),
            categories: self.pack.meta.categories.clone(),
            signs: self.pack.signs.clone(),
        }
    }

    pub fn cards(&self) -> Vec<CardSummary> {
        let mut cards: Vec<CardSummary> = self.pack.cards.iter().map(CardSummary::of).collect();
        cards.sort_by_key(|c| !c.acute);
        cards
    }

    pub fn card_view(&self, id: &str) -> Result<CardView> {
        let card = self.pack.card(id).ok_or_else(|| ContentError::NotFound {
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
                .map(SignRef::of)
                .collect(),
        })
    }

    /// Ranked results: items matching every word first, then items matching
    /// any, then near misses of words the pack does not have.
    pub fn search(&self, query: &str) -> Result<SearchResults> {
        self.index.search(&self.store, query)
    }

    /// Validates the pack in `dir` and, only if it has no problems, makes it the pack in use.
    pub fn load_folder(&mut self, dir: &Path, today: NaiveDate) -> Result<PackInfo> {
        let loaded = load_dir(dir, today)?;
        self.replace(loaded, PackSource::Folder, None)
    }

    pub fn reset_to_embedded(&mut self, today: NaiveDate) -> Result<PackInfo> {
        self.replace(load_embedded(today)?, PackSource::Embedded, None)
    }

    /// The highest release number this laptop has installed.
    pub fn release_high_water(&self) -> Result<Option<u32>> {
        self.store.release_high_water()
    }

    /// Installs the files of a signed release whose signature and hashes the
    /// caller has verified: refused if not newer than any release installed
    /// before, validated by the same rules as a folder pack, swapped in with
    /// its index in one transaction, the pack before it kept as the previous.
    pub fn install_release(
        &mut self,
        files: PackFiles,
        release: ReleaseInfo,
        today: NaiveDate,
    ) -> Result<PackInfo> {
        if let Some(have) = self.release_high_water()? {
            if release.number <= have {
                return Err(ContentError::ReleaseNotNewer {
                    have,
                    got: release.number,
                });
            }
        }
        let pack = beredskab_domain::pack::check(&files, today)
            .map_err(|problems| ContentError::PackInvalid { problems })?;
        self.replace(
            LoadedPack { pack, files },
            PackSource::Release,
            Some(release),
        )
    }

    fn replace(
        &mut self,
        loaded: LoadedPack,
        source: PackSource,
        release: Option<ReleaseInfo>,
    ) -> Result<PackInfo> {
        let docs = search::documents(&loaded.pack);
        self.store
            .replace_pack(&loaded.pack, &loaded.files, source, release.as_ref(), &docs)?;
        self.index = Index::new(docs);
        self.pack = Arc::new(loaded.pack);
        self.source = source;
        self.release = release;
        Ok(self.info())
    }
}

/// Only the built-in pack is ever replaced by a newer built-in one; a
/// municipality's own pack stays until a person changes it.
fn embedded_is_newer(stored: &StoredPack) -> bool {
    stored.source == PackSource::Embedded
        && embedded_version().is_some_and(|v| v > stored.pack.meta.version)
}
