//! The administrative operations behind the binary's subcommands. Each one
//! is written to the service's log with who ran it (the operating-system
//! user), when and what — never content.

use crate::storage::{Device, LogEntry, NewEnrollment, Storage, StorageError};
use crate::tokens;
use beredskab_protocol::enroll::display_code;
use beredskab_protocol::release::{signing_key_from_base64, signing_key_to_base64};
use beredskab_protocol::{PublisherKey, SignedRelease, StatsQuery, StatsReport};
use chrono::{Duration, Utc};
use std::collections::BTreeMap;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use uuid::Uuid;
use zeroize::Zeroizing;

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("the unit must be named (1–120 characters)")]
    BadUnit,
    #[error("the label must be named (1–120 characters)")]
    BadLabel,
    #[error("the year must be between 2000 and 2100")]
    BadYear,
    #[error("no device with id {0}")]
    NoDevice(Uuid),
    #[error("the pack is invalid: {0}")]
    InvalidPack(String),
    #[error("the signing key could not be used: {0}")]
    SigningKey(String),
    #[error("{0}")]
    Storage(#[from] StorageError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Who runs the command, for the log.
pub fn actor() -> String {
    let user = std::env::var("SUDO_USER")
        .or_else(|_| std::env::var("USER"))
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "unknown".into());
    format!("admin:{user}")
}

async fn log(storage: &dyn Storage, action: &str, target: &str) -> Result<(), AdminError> {
    storage
        .log(LogEntry {
            at: Utc::now(),
            actor: actor(),
            action: action.into(),
            target: target.into(),
        })
        .await?;
    Ok(())
}

/// A one-time code for `unit`, valid `minutes`; returned in its display form.
pub async fn enroll(storage: &dyn Storage, unit: &str, minutes: i64) -> Result<String, AdminError> {
    let unit = unit.trim();
    if unit.is_empty() || unit.chars().count() > 120 {
        return Err(AdminError::BadUnit);
    }
    let code = tokens::new_enrollment_code();
    let now = Utc::now();
    storage
        .create_enrollment(NewEnrollment {
            code_hash: tokens::hash(&code),
            unit: unit.to_string(),
            created_at: now,
            expires_at: now + Duration::minutes(minutes),
        })
        .await?;
    log(storage, "enroll_code", unit).await?;
    Ok(display_code(&code))
}

pub async fn devices(storage: &dyn Storage) -> Result<Vec<Device>, AdminError> {
    let devices = storage.devices().await?;
    log(storage, "devices_list", &devices.len().to_string()).await?;
    Ok(devices)
}

pub async fn revoke(storage: &dyn Storage, id: Uuid) -> Result<(), AdminError> {
    if !storage.revoke_device(id, Utc::now()).await? {
        return Err(AdminError::NoDevice(id));
    }
    log(storage, "device_revoke", &id.to_string()).await
}

/// A new publisher key pair: the signing key to `out` (0600), the public key returned.
pub fn new_publisher_key(out: &Path) -> Result<PublisherKey, AdminError> {
    let key = ed25519_dalek::SigningKey::from_bytes(&tokens::new_key());
    let text = Zeroizing::new(signing_key_to_base64(&key));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(out)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(PublisherKey::of(&key))
}

/// Validates the pack in `dir` with the app's own code, signs it as the next
/// release with the key in `key_file`, and stores it.
pub async fn publish(
    storage: &dyn Storage,
    dir: &Path,
    key_file: &Path,
    publisher: Option<&str>,
) -> Result<SignedRelease, AdminError> {
    let loaded = beredskab_content::load_dir(dir, beredskab_content::today())
        .map_err(|e| AdminError::InvalidPack(e.to_string()))?;
    let text = Zeroizing::new(std::fs::read_to_string(key_file)?);
    let key = signing_key_from_base64(&text).map_err(|e| AdminError::SigningKey(e.to_string()))?;
    let files: BTreeMap<String, String> = loaded.files.files.iter().cloned().collect();
    let number = storage.latest_release_number().await?.unwrap_or(0) + 1;
    let release = SignedRelease::sign(
        number,
        &loaded.pack.meta.version.to_string(),
        publisher.unwrap_or(&loaded.pack.meta.publisher),
        Utc::now(),
        &files,
        &key,
    );
    storage.put_release(&release, Utc::now()).await?;
    log(storage, "release_publish", &number.to_string()).await?;
    Ok(release)
}

pub async fn stats(storage: &dyn Storage, query: &StatsQuery) -> Result<StatsReport, AdminError> {
    let concerns = storage.current_concerns().await?;
    let period = format!("{:?} {:?}", query.period, query.year);
    log(storage, "stats_read", &period).await?;
    Ok(crate::stats::count(&concerns, query))
}

/// The yearly report, built from the service's own data: the plan and the
/// words of the newest published release (or the default pack if none is
/// published), the current concerns and activities, and the devices' syncs.
pub async fn report(
    storage: &dyn Storage,
    year: i32,
    made_on: chrono::NaiveDate,
) -> Result<crate::report::Report, AdminError> {
    report_for(storage, year, made_on, &actor()).await
}

/// A new token for the administration's reads over HTTP (a dashboard):
/// 256 random bits, shown once, kept only as its hash.
pub async fn new_admin_token(storage: &dyn Storage, label: &str) -> Result<String, AdminError> {
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 120 {
        return Err(AdminError::BadLabel);
    }
    let token = tokens::new_credential();
    storage
        .create_admin_token(crate::storage::NewAdminToken {
            token_hash: tokens::hash(&token),
            label: label.to_string(),
            created_at: Utc::now(),
        })
        .await?;
    log(storage, "admin_token_create", label).await?;
    Ok(token)
}

/// The report, logged as read by `reader` (an OS user, or a token's label).
pub async fn report_for(
    storage: &dyn Storage,
    year: i32,
    made_on: chrono::NaiveDate,
    reader: &str,
) -> Result<crate::report::Report, AdminError> {
    let today = made_on;
    let pack = match storage.latest_release().await? {
        // The service stored it after checking it; read it as the app would.
        Some(release) => {
            let files = beredskab_domain::pack::PackFiles::from_entries(
                release.files.into_iter().map(|f| (f.path, f.content)),
            );
            beredskab_domain::pack::check_built_in(&files, today)
                .map_err(|p| AdminError::InvalidPack(format!("{} problems", p.len())))?
        }
        None => {
            beredskab_content::load_embedded(today)
                .map_err(|e| AdminError::InvalidPack(e.to_string()))?
                .pack
        }
    };
    let concerns = storage.current_concerns().await?;
    let activities = storage.current_activities().await?;
    let devices = storage.devices().await?;
    if !(2000..=2100).contains(&year) {
        return Err(AdminError::BadYear);
    }
    let year_end = chrono::NaiveDate::from_ymd_opt(year, 12, 31).ok_or(AdminError::BadYear)?;
    let input = crate::report::ReportInput {
        year,
        made_on,
        cut_off: year_end.min(made_on),
        pack: Some(&pack),
        concerns: &concerns,
        activities: &activities,
        devices: &devices,
    };
    storage
        .log(LogEntry {
            at: Utc::now(),
            actor: reader.to_string(),
            action: "report_read".into(),
            target: year.to_string(),
        })
        .await?;
    Ok(crate::report::build(&input))
}
