//! Values as both backends store them: times as Unix milliseconds, ids as
//! text, enums through the one text mapping (an unknown value is an error).

use crate::storage::{StorageError, StorageResult};
use beredskab_sqlite::{enum_from_text, enum_text};
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

pub fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

pub fn time(ms: i64) -> StorageResult<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| StorageError::Backend(format!("bad time {ms}")))
}

pub fn uuid(text: &str) -> StorageResult<Uuid> {
    Uuid::parse_str(text).map_err(|e| StorageError::Backend(format!("bad id: {e}")))
}

pub fn text<T: Serialize>(value: T) -> String {
    enum_text(&value)
}

pub fn parse<T: DeserializeOwned>(text: &str) -> StorageResult<T> {
    enum_from_text(text).map_err(|e| StorageError::Backend(e.to_string()))
}

pub fn day(text: &str) -> StorageResult<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| StorageError::Backend(e.to_string()))
}

pub fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}
