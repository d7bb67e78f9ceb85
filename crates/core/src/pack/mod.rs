//! Content packs: reading the files, parsing them and validating the result.
//! Only a pack with no problems at all is ever handed to the store.

mod embedded;
mod files;
mod parse;
mod problem;
mod stats;
mod validate;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests;

pub use embedded::embedded_files;
pub use files::PackFiles;
pub use parse::{parse, Parsed};
pub use problem::{Problem, ProblemCode};
pub use stats::{stats, PackStats};
pub use validate::{is_danish_phone, is_valid_id, validate, MAX_STEP_WORDS};

use crate::error::{CoreError, Result};
use crate::model::Pack;
use chrono::NaiveDate;
use std::path::Path;

/// Parses and validates `files`; every problem found is returned, not just the first.
pub fn check(files: &PackFiles, today: NaiveDate) -> std::result::Result<Pack, Vec<Problem>> {
    let parsed = parse(files)?;
    let problems = validate(&parsed, today);
    if problems.is_empty() {
        Ok(parsed.pack)
    } else {
        Err(problems)
    }
}

/// Reads, parses and validates the pack in folder `dir`.
pub fn load_dir(dir: &Path, today: NaiveDate) -> Result<Pack> {
    let files = PackFiles::read_dir(dir)?;
    check(&files, today).map_err(|problems| CoreError::PackInvalid { problems })
}

/// The default pack built into the binary. It was validated when the app was
/// built; a computer clock set in the past must not make its verified dates
/// count as "in the future", so they are judged against its release date too.
pub fn load_embedded(today: NaiveDate) -> Result<Pack> {
    let files = embedded_files();
    let parsed = parse(&files).map_err(|problems| CoreError::PackInvalid { problems })?;
    let problems = validate(&parsed, today.max(parsed.pack.meta.released));
    if problems.is_empty() {
        Ok(parsed.pack)
    } else {
        Err(CoreError::PackInvalid { problems })
    }
}

pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}
