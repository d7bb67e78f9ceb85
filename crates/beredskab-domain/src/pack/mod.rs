//! Content packs: parsing their files and validating the result. Only a pack
//! with no problems at all is ever handed on; every problem is reported, not
//! just the first.

mod files;
mod notes;
mod parse;
mod plan_check;
mod problem;
mod stats;
mod validate;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod tests;

pub use files::{belongs_to_pack, PackFiles, ITEM_FOLDERS, SINGLE_FILES};
pub use notes::{editor_notes, unverified_contacts, EditorNote};
pub use parse::{parse, Parsed, CONTACTS_FILE, LEGAL_FILE, META_FILE, PLAN_FILE};
pub use problem::{Problem, ProblemCode};
pub use stats::{stats, PackStats};
pub use validate::{is_danish_phone, is_valid_id, MAX_STEP_WORDS, SUPPORTED_FORMAT};

/// Every problem of a parsed pack, as of `today`.
pub fn validate(parsed: &Parsed, today: NaiveDate) -> Vec<Problem> {
    let mut problems = validate::validate_items(parsed, today);
    if let Some(plan) = &parsed.pack.plan {
        problems.extend(plan_check::plan_problems(plan));
    }
    problems
}

use crate::content::Pack;
use chrono::NaiveDate;

/// Parses and validates `files` as of `today` (no verified date may be later).
pub fn check(files: &PackFiles, today: NaiveDate) -> Result<Pack, Vec<Problem>> {
    let parsed = parse(files)?;
    let problems = validate(&parsed, today);
    if problems.is_empty() {
        Ok(parsed.pack)
    } else {
        Err(problems)
    }
}

/// A pack built into the app was validated when the app was built; a computer
/// clock set in the past must not make its dates count as "in the future", so
/// they are judged against its own release date too.
pub fn check_built_in(files: &PackFiles, today: NaiveDate) -> Result<Pack, Vec<Problem>> {
    let parsed = parse(files)?;
    let problems = validate(&parsed, today.max(parsed.pack.meta.released));
    if problems.is_empty() {
        Ok(parsed.pack)
    } else {
        Err(problems)
    }
}
