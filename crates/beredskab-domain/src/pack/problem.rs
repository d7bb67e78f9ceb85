//! One thing wrong with a pack: where it is and what kind of fault, with the
//! values a message needs. The words are chosen at the edge, in the reader's language.

use serde::Serialize;
use specta::Type;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Type, strum::EnumIter)]
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
    /// `last_verified` together with `needs_verification`.
    VerifiedAndUnverified,
    /// Neither a person's check nor `needs_verification`.
    NotVerifiedNotMarked,
    /// `last_verified` without `verified_by`.
    VerifiedWithoutWho,
    /// `last_verified` on the release day, not marked as checked that day.
    VerifiedOnReleaseDay,
    BadSourceDate,
    /// A sign for a target group links to no card for it.
    NoCardForGroup,
    /// A card only for adults sends the reader to the duty to notify about children.
    AdultCardDutyToNotify,
    /// A plan target names a track the plan does not have.
    UnknownTrack,
    /// A plan target's yearly figure is below zero.
    NegativeTarget,
    /// A target counted in inquiries or citizen cases counts activities, or the reverse.
    UnitDoesNotMatchCounting,
    /// A year outside the plan's period, or a period that ends before it starts.
    YearOutsidePlan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Problem {
    /// Path of the file inside the pack, e.g. `cards/akut-fare.toml`.
    pub file: String,
    /// Id of the item, when the problem belongs to one.
    pub item: Option<String>,
    /// The field, e.g. `steps` or `contacts[2]`.
    pub field: Option<String>,
    pub code: ProblemCode,
    /// Values for the message, e.g. `id` of an unknown card.
    pub args: BTreeMap<String, String>,
}

impl Problem {
    pub fn in_file(file: &str, code: ProblemCode) -> Problem {
        Problem {
            file: file.to_string(),
            item: None,
            field: None,
            code,
            args: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> Problem {
        self.args.insert(name.to_string(), value.to_string());
        self
    }

    pub fn arg(&self, name: &str) -> &str {
        self.args.get(name).map(String::as_str).unwrap_or_default()
    }
}

/// Where a problem is, without what it is: `cards/x.toml [x] steps[2]`.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(item) = &self.item {
            write!(f, " [{item}]")?;
        }
        if let Some(field) = &self.field {
            write!(f, " {field}")?;
        }
        Ok(())
    }
}
