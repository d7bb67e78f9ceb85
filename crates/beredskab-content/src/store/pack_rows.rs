//! The pack in use and the one before it, replaced together with the search
//! index or not at all.

use super::db::Store;
use crate::error::Result;
use crate::search::Document;
use beredskab_domain::content::{Pack, PackSource};
use beredskab_domain::pack::{self, PackFiles};
use beredskab_domain::views::ReleaseInfo;
use beredskab_sqlite::SqlEnum;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};

#[derive(Debug, Clone)]
pub struct StoredPack {
    pub pack: Pack,
    pub files: PackFiles,
    pub source: PackSource,
    pub release: Option<ReleaseInfo>,
}

/// The highest release number ever installed: an older one is never taken,
/// even after a switch to a folder or the built-in pack.
const RELEASE_HIGH_WATER: &str = "release_high_water";

/// What a slot held when read back.
#[derive(Debug, Clone)]
pub enum Slot {
    Empty,
    Readable(Box<StoredPack>),
    /// There is a row, but neither its JSON nor its files make a valid pack
    /// for this app. The row is left as it is.
    Unreadable {
        version: String,
    },
}

impl Store {
    /// Makes `pack` the pack in use, keeps the one it replaces as the previous
    /// pack, and rebuilds the index from `docs`, all in one transaction: a
    /// failure at any point leaves the pack and index as they were.
    pub fn replace_pack(
        &mut self,
        pack: &Pack,
        files: &PackFiles,
        source: PackSource,
        release: Option<&ReleaseInfo>,
        docs: &[Document],
    ) -> Result<()> {
        let json = serde_json::to_string(pack)?;
        let files = serde_json::to_string(files)?;
        let release_json = release.map(serde_json::to_string).transpose()?;
        let tx = self.conn.transaction()?;
        if let Some(release) = release {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![RELEASE_HIGH_WATER, release.number.to_string()],
            )?;
        }
        tx.execute("DELETE FROM pack_slot WHERE slot = 'previous'", [])?;
        tx.execute(
            "UPDATE pack_slot SET slot = 'previous' WHERE slot = 'current'",
            [],
        )?;
        tx.execute(
            "INSERT INTO pack_slot (slot, source, version, files, json, imported_at, release)
             VALUES ('current', ?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                SqlEnum(source),
                pack.meta.version.to_string(),
                files,
                json,
                chrono::Utc::now().to_rfc3339(),
                release_json
            ],
        )?;
        write_index(&tx, docs)?;
        tx.commit()?;
        Ok(())
    }

    /// Rebuilds the index alone, for a pack served without replacing what is stored.
    pub fn rebuild_index(&mut self, docs: &[Document]) -> Result<()> {
        let tx = self.conn.transaction()?;
        write_index(&tx, docs)?;
        tx.commit()?;
        Ok(())
    }

    pub fn current_pack(&self, today: NaiveDate) -> Result<Slot> {
        self.slot("current", today)
    }

    pub fn previous_pack(&self, today: NaiveDate) -> Result<Slot> {
        self.slot("previous", today)
    }

    /// Reads a slot: the stored JSON if this app can read it, else the files
    /// parsed and validated again by this app's rules.
    fn slot(&self, slot: &str, today: NaiveDate) -> Result<Slot> {
        type Row = (SqlEnum<PackSource>, String, String, String, Option<String>);
        let row: Option<Row> = self
            .conn
            .query_row(
                "SELECT source, version, files, json, release FROM pack_slot WHERE slot = ?1",
                [slot],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let Some((SqlEnum(source), version, files, json, release)) = row else {
            return Ok(Slot::Empty);
        };
        let release: Option<ReleaseInfo> = release.and_then(|r| serde_json::from_str(&r).ok());
        let files: PackFiles = serde_json::from_str(&files).unwrap_or_default();
        if let Ok(pack) = serde_json::from_str::<Pack>(&json) {
            return Ok(Slot::Readable(Box::new(StoredPack {
                pack,
                files,
                source,
                release,
            })));
        }
        match pack::check_built_in(&files, today) {
            Ok(pack) => Ok(Slot::Readable(Box::new(StoredPack {
                pack,
                files,
                source,
                release,
            }))),
            Err(_) => Ok(Slot::Unreadable { version }),
        }
    }
}

impl Store {
    /// The highest release number ever installed on this laptop.
    pub fn release_high_water(&self) -> Result<Option<u32>> {
        Ok(self
            .setting(RELEASE_HIGH_WATER)?
            .and_then(|n| n.parse().ok()))
    }
}

fn write_index(tx: &Transaction<'_>, docs: &[Document]) -> Result<()> {
    tx.execute("DELETE FROM search_index", [])?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO search_index (kind, item_id, title, body) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for doc in docs {
            insert.execute(params![
                SqlEnum(doc.kind),
                doc.id,
                doc.title.index_text(),
                doc.body.index_text()
            ])?;
        }
    }
    tx.execute_batch("INSERT INTO search_index(search_index) VALUES ('optimize')")?;
    Ok(())
}
