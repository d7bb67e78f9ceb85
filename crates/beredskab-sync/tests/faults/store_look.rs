//! A second look (reads only) at the service's store, for what the
//! storage trait does not show: every upload's outcome, how often a change
//! was stored, and each record's stored revisions. A stale copy that slipped
//! through would show here as a change stored twice or a refused upload.

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;
use tokio_postgres::NoTls;

pub struct SqliteLook {
    conn: rusqlite::Connection,
    /// Uploads up to this row were looked at already.
    seen_upto: i64,
    /// (concern, revision, kind) of every upload answered `stored`.
    stored: HashSet<(String, i64, String)>,
}

impl SqliteLook {
    pub fn open(folder: &Path) -> SqliteLook {
        let key = std::fs::read_to_string(folder.join("store.key")).expect("the store key");
        let conn = rusqlite::Connection::open_with_flags(
            folder.join("store.db"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .expect("open the store");
        conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key.trim()))
            .expect("key");
        conn.busy_timeout(Duration::from_secs(10))
            .expect("busy timeout");
        SqliteLook {
            conn,
            seen_upto: 0,
            stored: HashSet::new(),
        }
    }

    /// The uploads received since the last look: each answered stored or
    /// duplicate, and no change stored twice.
    pub fn new_uploads(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT rowid, concern_id, revision, kind, outcome, code FROM upload
                 WHERE rowid > ?1 ORDER BY rowid",
            )
            .expect("query the store");
        let rows = statement
            .query_map([self.seen_upto], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })
            .expect("query the store");
        for row in rows {
            let (rowid, concern, revision, kind, outcome, code) = row.expect("an upload");
            self.seen_upto = self.seen_upto.max(rowid);
            problems.extend(judge_upload(
                &mut self.stored,
                (concern, revision, kind),
                &outcome,
                code,
            ));
        }
        problems
    }

    /// A live record holds each of its revisions 1..=head once.
    pub fn history(&self, concern: &str) -> Option<String> {
        let (revision, deleted, stored): (i64, i64, i64) = self
            .conn
            .query_row(
                "SELECT c.revision, c.deleted,
                        (SELECT count(*) FROM concern_revision r WHERE r.concern_id = c.id)
                 FROM concern c WHERE c.id = ?1",
                [concern],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .ok()?;
        (deleted == 0 && revision != stored)
            .then(|| format!("{concern} is at revision {revision} with {stored} revisions stored"))
    }

    /// The same, over everything the store holds.
    pub fn everything(&self) -> Vec<String> {
        let number = |sql: &str| -> i64 {
            self.conn
                .query_row(sql, [], |r| r.get(0))
                .expect("query the store")
        };
        let mut problems = Vec::new();
        let refused =
            number("SELECT count(*) FROM upload WHERE outcome NOT IN ('stored', 'duplicate')");
        if refused != 0 {
            problems.push(format!(
                "{refused} uploads were answered conflict or rejected"
            ));
        }
        let twice = number(
            "SELECT count(*) FROM (SELECT 1 FROM upload WHERE outcome = 'stored'
             GROUP BY concern_id, revision, kind HAVING count(*) > 1)",
        );
        if twice != 0 {
            problems.push(format!("{twice} changes were stored more than once"));
        }
        let review = number("SELECT count(*) FROM review");
        if review != 0 {
            problems.push(format!("{review} uploads kept for review"));
        }
        let gaps = number(
            "SELECT count(*) FROM concern c WHERE c.deleted = 0 AND c.revision !=
             (SELECT count(*) FROM concern_revision r WHERE r.concern_id = c.id)",
        );
        if gaps != 0 {
            problems.push(format!(
                "{gaps} records whose stored revisions do not run 1..head"
            ));
        }
        problems
    }
}

/// A new upload's answer: `stored` once per change, `duplicate` any number
/// of times, anything else a problem.
fn judge_upload(
    stored: &mut HashSet<(String, i64, String)>,
    change: (String, i64, String),
    outcome: &str,
    code: Option<String>,
) -> Option<String> {
    let (concern, revision, kind) = change.clone();
    match outcome {
        "duplicate" => None,
        "stored" => {
            (!stored.insert(change)).then(|| format!("{kind} {revision} of {concern} stored twice"))
        }
        _ => Some(format!(
            "an upload of {kind} {revision} of {concern} was answered {outcome} ({code:?})"
        )),
    }
}

/// The same look at a PostgreSQL store.
pub struct PostgresLook {
    client: tokio_postgres::Client,
    connection: tokio::task::JoinHandle<()>,
    /// Uploads received before this (milliseconds) were looked at already.
    seen_since: i64,
    looked: HashSet<String>,
    stored: HashSet<(String, i64, String)>,
}

impl PostgresLook {
    pub async fn open(url: &str) -> PostgresLook {
        let (client, connection) = tokio_postgres::connect(url, NoTls)
            .await
            .expect("connect to the store");
        PostgresLook {
            client,
            connection: tokio::spawn(async move {
                let _ = connection.await;
            }),
            seen_since: 0,
            looked: HashSet::new(),
            stored: HashSet::new(),
        }
    }

    pub async fn new_uploads(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        let rows = self
            .client
            .query(
                "SELECT upload_id, concern_id, revision, kind, outcome, code, received_at FROM upload
                 WHERE received_at >= $1 ORDER BY received_at",
                &[&self.seen_since],
            )
            .await
            .expect("query the store");
        for r in rows {
            let (upload, concern, revision, kind, outcome, code, at): (
                String,
                String,
                i64,
                String,
                String,
                Option<String>,
                i64,
            ) = (
                r.get(0),
                r.get(1),
                r.get(2),
                r.get(3),
                r.get(4),
                r.get(5),
                r.get(6),
            );
            self.seen_since = self.seen_since.max(at);
            if !self.looked.insert(upload) {
                continue;
            }
            problems.extend(judge_upload(
                &mut self.stored,
                (concern, revision, kind),
                &outcome,
                code,
            ));
        }
        problems
    }

    pub async fn history(&self, concern: &str) -> Option<String> {
        let row = self
            .client
            .query_opt(
                "SELECT c.revision, c.deleted,
                        (SELECT count(*) FROM concern_revision r WHERE r.concern_id = c.id)
                 FROM concern c WHERE c.id = $1",
                &[&concern],
            )
            .await
            .expect("query the store")?;
        let (revision, deleted, stored): (i64, bool, i64) = (row.get(0), row.get(1), row.get(2));
        (!deleted && revision != stored)
            .then(|| format!("{concern} is at revision {revision} with {stored} revisions stored"))
    }

    pub async fn everything(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (sql, what) in [
            (
                "SELECT count(*) FROM upload WHERE outcome NOT IN ('stored', 'duplicate')",
                "uploads were answered conflict or rejected",
            ),
            (
                "SELECT count(*) FROM (SELECT 1 FROM upload WHERE outcome = 'stored'
                 GROUP BY concern_id, revision, kind HAVING count(*) > 1) AS twice",
                "changes were stored more than once",
            ),
            ("SELECT count(*) FROM review", "uploads kept for review"),
            (
                "SELECT count(*) FROM concern c WHERE NOT c.deleted AND c.revision !=
                 (SELECT count(*) FROM concern_revision r WHERE r.concern_id = c.id)",
                "records whose stored revisions do not run 1..head",
            ),
        ] {
            let n: i64 = self
                .client
                .query_one(sql, &[])
                .await
                .expect("query the store")
                .get(0);
            if n != 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        problems
    }
}

impl Drop for PostgresLook {
    fn drop(&mut self) {
        self.connection.abort();
    }
}

/// A look at whichever store the service uses.
pub enum StoreLook {
    Sqlite(SqliteLook),
    Postgres(PostgresLook),
}

impl StoreLook {
    pub async fn new_uploads(&mut self) -> Vec<String> {
        match self {
            StoreLook::Sqlite(look) => look.new_uploads(),
            StoreLook::Postgres(look) => look.new_uploads().await,
        }
    }

    pub async fn history(&self, concern: &str) -> Option<String> {
        match self {
            StoreLook::Sqlite(look) => look.history(concern),
            StoreLook::Postgres(look) => look.history(concern).await,
        }
    }

    pub async fn everything(&self) -> Vec<String> {
        match self {
            StoreLook::Sqlite(look) => look.everything(),
            StoreLook::Postgres(look) => look.everything().await,
        }
    }
}
