//! One thing wrong with a pack, said so that an editor can find and fix it.

use serde::Serialize;
use std::fmt;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    Syntax,
    MissingFile,
    Io,
    UnsupportedFormat,
    MissingField,
    UnknownField,
    BadValue,
    DuplicateId,
    BadId,
    Empty,
    UnknownCard,
    UnknownContact,
    UnknownLegal,
    UnknownCategory,
    FutureDate,
    BadPhone,
    StepTooLong,
    NoItems,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Problem {
    /// Path of the file inside the pack, e.g. `cards/akut-fare.toml`.
    pub file: String,
    /// Id of the item, when the problem belongs to one.
    pub item: Option<String>,
    /// The field, e.g. `steps` or `contacts[2]`.
    pub field: Option<String>,
    #[ts(type = "string")]
    pub code: ProblemCode,
    /// Plain words in the active locale.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(item) = &self.item {
            write!(f, " [{item}]")?;
        }
        if let Some(field) = &self.field {
            write!(f, " {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}
