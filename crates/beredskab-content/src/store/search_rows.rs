//! Running an FTS5 query against the index.

use super::db::Store;
use crate::error::Result;
use crate::search::ItemKind;
use beredskab_sqlite::SqlEnum;

/// Title matches weigh ten times body matches (columns: kind, item_id, title, body).
const RANK: &str = "bm25(search_index, 0.0, 0.0, 10.0, 1.0)";

impl Store {
    /// Ranked `(kind, id, score)` for an FTS5 MATCH expression; best first.
    pub fn match_index(
        &self,
        fts_query: &str,
        limit: usize,
    ) -> Result<Vec<(ItemKind, String, f64)>> {
        let sql = format!(
            "SELECT kind, item_id, {RANK} AS score FROM search_index
             WHERE search_index MATCH ?1 ORDER BY score LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![fts_query, limit as i64], |r| {
            Ok((
                r.get::<_, SqlEnum<ItemKind>>(0)?.0,
                r.get::<_, String>(1)?,
                r.get::<_, f64>(2)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
