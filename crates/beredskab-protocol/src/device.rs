//! What a device may learn about itself and its own records.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeviceStatus {
    Active,
    Revoked,
    /// Its audit log went backwards or forked: syncs are refused until a person looks.
    Flagged,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeviceView {
    pub device_id: Uuid,
    pub name: String,
    pub unit: String,
    pub status: DeviceStatus,
    pub enrolled_at: DateTime<Utc>,
    pub last_sync_at: Option<DateTime<Utc>>,
}

/// A record as the server holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordState {
    Current,
    Deleted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordView {
    pub concern_id: Uuid,
    pub revision: u32,
    pub state: RecordState,
    /// Uploads of this record kept for a person to review.
    pub conflicts: u32,
}
