//! For tests that play an attacker who knows the passphrase and edits the
//! database with SQL: the decrypted connection, with none of the vault's checks.
//! Not used by the app.

use crate::error::Result;
use crate::keyfile::KeyFile;
use crate::manager::DB_FILE;
use crate::passphrase::Passphrase;
use rusqlite::Connection;
use std::path::Path;

#[doc(hidden)]
pub fn open_raw(dir: &Path, passphrase: &str) -> Result<Connection> {
    let file = KeyFile::read(&dir.join("vault.key.json"))?;
    let key = file.wrap.unwrap(&Passphrase::new(passphrase))?;
    let conn = Connection::open(dir.join(DB_FILE))?;
    conn.execute_batch(&key.sql("PRAGMA key = ", ";"))?;
    Ok(conn)
}
