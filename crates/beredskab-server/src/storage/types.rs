//! What the storage keeps, as the service's code sees it.

use beredskab_domain::activity::{ActivityType, PlaceType};
use beredskab_domain::concern::{AgeBand, CaseStage, Severity};
use beredskab_domain::content::{Role, TargetGroup};
use beredskab_protocol::{AnchorPoint, DeviceStatus, ItemResult};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEnrollment {
    pub code_hash: String,
    pub unit: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    pub id: Uuid,
    pub name: String,
    pub credential_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub id: Uuid,
    pub name: String,
    pub unit: String,
    pub status: DeviceStatus,
    /// Why it was flagged: `audit_rollback` or `audit_fork`.
    pub flag: Option<String>,
    pub enrolled_at: DateTime<Utc>,
    pub last_sync_at: Option<DateTime<Utc>>,
    /// The audit head it showed last.
    pub anchor: Option<AnchorPoint>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SyncOutcome {
    pub results: Vec<ItemResult>,
    pub confirmed: AnchorPoint,
}

/// A current concern's counted fields (never a note: the server has none).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredConcern {
    pub concern_id: Uuid,
    pub unit: String,
    pub observed_on: NaiveDate,
    pub recorder_role: Role,
    pub target_group: TargetGroup,
    pub age_band: AgeBand,
    pub severity: Severity,
    pub underretning_sent: bool,
    pub contacted: Vec<String>,
    pub cards_followed: Vec<String>,
    pub case_stage: CaseStage,
    /// Ids of the signs seen.
    pub signs: Vec<String>,
}

/// A current activity's counted fields (its title stays on the laptop).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredActivity {
    pub activity_id: Uuid,
    pub unit: String,
    pub activity_type: ActivityType,
    pub held_on: NaiveDate,
    pub place_type: PlaceType,
    pub pupils: u32,
    pub participants: u32,
    pub organisations: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub upload_id: Uuid,
    pub device_id: Uuid,
    pub concern_id: Uuid,
    pub revision: u32,
    pub code: String,
    pub received_at: DateTime<Utc>,
}

/// One line of the service's own log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub at: DateTime<Utc>,
    /// `admin:<os user>`, `device:<id>` or `service`.
    pub actor: String,
    /// `enroll_code`, `device_revoke`, `release_publish`, `stats_read`,
    /// `record_read`, `device_flag`, …
    pub action: String,
    /// What it concerned: a device id, a release number, a unit; never content.
    pub target: String,
}

/// A token for the administration's reads over HTTP, as it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAdminToken {
    pub token_hash: String,
    /// Who or what it is for, e.g. "dashboard": it names the reader in the log.
    pub label: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminToken {
    pub label: String,
    pub created_at: DateTime<Utc>,
}
