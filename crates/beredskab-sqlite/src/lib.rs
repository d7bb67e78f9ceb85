//! What every SQLite database of Beredskab shares: how it is opened (pragmas
//! set and read back), how its schema moves forward (embedded, checksummed,
//! never backwards), and how enum values are stored as text (one mapping, and
//! an unknown value is an error, never a default).

mod enum_text;
mod migrate;
mod pragmas;

pub use enum_text::{enum_from_text, enum_text, SqlEnum, UnknownValue};
pub use migrate::{migrate, Migration, MigrationError};
pub use pragmas::{apply_pragmas, read_pragma, Pragma, PragmaError};
