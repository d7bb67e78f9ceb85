//! A concern record: minimal and pseudonymous by design. There is no CPR field.

use crate::content::{Role, TargetGroup};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
pub enum AgeBand {
    #[serde(rename = "0-5")]
    A0to5,
    #[serde(rename = "6-12")]
    A6to12,
    #[serde(rename = "13-17")]
    A13to17,
    #[serde(rename = "18-24")]
    A18to24,
    #[serde(rename = "25-39")]
    A25to39,
    #[serde(rename = "40-64")]
    A40to64,
    #[serde(rename = "65+")]
    A65plus,
}

impl AgeBand {
    pub const ALL: [AgeBand; 7] = [
        AgeBand::A0to5,
        AgeBand::A6to12,
        AgeBand::A13to17,
        AgeBand::A18to24,
        AgeBand::A25to39,
        AgeBand::A40to64,
        AgeBand::A65plus,
    ];

    /// Under 18: the bands that belong to the target group `barn_ung`.
    pub fn is_child(self) -> bool {
        matches!(self, AgeBand::A0to5 | AgeBand::A6to12 | AgeBand::A13to17)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    PigeKvinde,
    DrengMand,
    Andet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Lav,
    Middel,
    Hoej,
    Akut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ConcernState {
    Kladde,
    Registreret,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ConcernActions {
    /// Ids of the action cards followed.
    pub cards_followed: Vec<String>,
    /// Ids of the contacts called.
    pub contacted: Vec<String>,
    pub underretning_sent: bool,
    pub underretning_date: Option<NaiveDate>,
}

/// What a concern records. In a draft any field may still be empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ConcernData {
    pub observed_on: Option<NaiveDate>,
    pub recorder_role: Option<Role>,
    pub recorder_unit: String,
    pub target_group: Option<TargetGroup>,
    pub age_band: Option<AgeBand>,
    pub gender: Option<Gender>,
    /// Ids of the warning signs observed.
    pub signs: Vec<String>,
    pub severity: Option<Severity>,
    pub note: String,
    pub actions: ConcernActions,
    pub follow_up: Option<NaiveDate>,
    pub case_ref: Option<String>,
    /// Records from before this field read as inquiries.
    #[serde(default)]
    pub case_stage: CaseStage,
}

/// Whether a concern is still an inquiry (henvendelse) or has become a
/// citizen case (borgersag). Every concern starts as an inquiry; promoting it
/// is a new revision, so the report counts it once as each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CaseStage {
    #[default]
    Henvendelse,
    Borgersag,
}

/// Where a concern is on its way to the central service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// A draft: not sent.
    Kladde,
    /// Registered, waiting in the queue.
    IKoe,
    /// The service has the current revision.
    Sendt,
    /// The service refused the current revision or kept it for a person (see `sync_code`).
    Afvist,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ConcernSummary {
    pub id: String,
    pub state: ConcernState,
    pub revision: i64,
    pub observed_on: Option<NaiveDate>,
    pub target_group: Option<TargetGroup>,
    pub age_band: Option<AgeBand>,
    pub severity: Option<Severity>,
    pub signs: u32,
    pub follow_up: Option<NaiveDate>,
    pub case_ref: Option<String>,
    pub updated_at: String,
    pub synced: bool,
    pub sync: SyncState,
    /// The service's reason when `sync` is `afvist`.
    pub sync_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RevisionInfo {
    pub revision: i64,
    pub saved_at: String,
    /// Text fields of this revision that look like they hold a CPR number.
    pub cpr_fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ConcernRecord {
    pub summary: ConcernSummary,
    pub data: ConcernData,
    pub revisions: Vec<RevisionInfo>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct ConcernFilter {
    pub state: Option<ConcernState>,
    pub severity: Option<Severity>,
    pub target_group: Option<TargetGroup>,
}
