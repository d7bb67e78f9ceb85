//! Keeping the pack in use and its search index, replaced together or not at all.

use super::Store;
use crate::error::Result;
use crate::model::Pack;
use crate::search::Document;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where the pack in use came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PackSource {
    /// The default pack built into the app.
    Embedded,
    /// A municipality's own pack, loaded from a folder.
    Folder,
}

impl PackSource {
    fn as_str(self) -> &'static str {
        match self {
            PackSource::Embedded => "embedded",
            PackSource::Folder => "folder",
        }
    }
}

#[derive(Debug, Clone)]
pub struct StoredPack {
    pub pack: Pack,
    pub source: PackSource,
}

impl Store {
    /// Replaces the pack in use and rebuilds the index from `docs` (the pack's
    /// search documents) in one transaction, so a
    /// failure at any point leaves the previous pack and index untouched.
    pub fn replace_pack(
        &mut self,
        pack: &Pack,
        source: PackSource,
        docs: &[Document],
    ) -> Result<()> {
        let json = serde_json::to_string(pack)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO pack (singleton, source, version, json, imported_at) VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (singleton) DO UPDATE SET source = ?1, version = ?2, json = ?3, imported_at = ?4",
            params![source.as_str(), pack.meta.version.to_string(), json, chrono::Utc::now().to_rfc3339()],
        )?;
        tx.execute("DELETE FROM search_index", [])?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO search_index (kind, item_id, title, body) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for doc in docs {
                insert.execute(params![
                    doc.kind.as_str(),
                    doc.id,
                    doc.title.index_text(),
                    doc.body.index_text()
                ])?;
            }
        }
        tx.execute_batch("INSERT INTO search_index(search_index) VALUES ('optimize')")?;
        tx.commit()?;
        Ok(())
    }

    /// The pack in use, if any. A row that no longer parses counts as none.
    pub fn stored_pack(&self) -> Result<Option<StoredPack>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT source, json FROM pack WHERE singleton = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((source, json)) = row else {
            return Ok(None);
        };
        let source = if source == "folder" {
            PackSource::Folder
        } else {
            PackSource::Embedded
        };
        Ok(serde_json::from_str::<Pack>(&json)
            .ok()
            .map(|pack| StoredPack { pack, source }))
    }
}
