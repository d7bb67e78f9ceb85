//! Loading a pack from where it lives, through the domain's one parser and
//! validator. The files travel with the parsed pack, so the store can keep
//! them and read the pack again if a later app changes the parsed form.

use crate::embedded::embedded_files;
use crate::error::{ContentError, Result};
use crate::files::read_dir;
use beredskab_domain::content::Pack;
use beredskab_domain::pack::{self, PackFiles};
use chrono::NaiveDate;
use std::path::Path;

#[derive(Debug, Clone)]
pub struct LoadedPack {
    pub pack: Pack,
    pub files: PackFiles,
}

/// Reads, parses and validates the pack in folder `dir`.
pub fn load_dir(dir: &Path, today: NaiveDate) -> Result<LoadedPack> {
    let files = read_dir(dir)?;
    let pack =
        pack::check(&files, today).map_err(|problems| ContentError::PackInvalid { problems })?;
    Ok(LoadedPack { pack, files })
}

/// The default pack built into the binary.
pub fn load_embedded(today: NaiveDate) -> Result<LoadedPack> {
    let files = embedded_files();
    let pack = pack::check_built_in(&files, today)
        .map_err(|problems| ContentError::PackInvalid { problems })?;
    Ok(LoadedPack { pack, files })
}

pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}
