//! What leaves the laptop: one item per queued change, named by its upload id.
//! The fields are chosen here, one by one; the vault's own rows never cross.

use beredskab_domain::concern::{AgeBand, ConcernActions, Gender, Severity};
use beredskab_domain::content::{Role, TargetGroup};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UploadKind {
    /// A registered revision of a concern.
    Revision,
    /// The concern was deleted on the laptop.
    Deletion,
}

/// One queued change, sent at least once and stored at most once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadItem {
    /// Made when the change was queued; the server stores each id once.
    pub upload_id: Uuid,
    pub concern_id: Uuid,
    /// The revision this change makes (a deletion carries the last revision it saw).
    pub revision: u32,
    pub kind: UploadKind,
    /// Present for a revision, absent for a deletion.
    pub concern: Option<ConcernUpload>,
}

/// The fields of a concern the central service receives. The free-text note
/// and the case reference stay on the laptop: the centre counts and follows
/// up by unit, never by person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConcernUpload {
    pub observed_on: NaiveDate,
    pub recorder_role: Role,
    pub recorder_unit: String,
    pub target_group: TargetGroup,
    pub age_band: AgeBand,
    pub gender: Option<Gender>,
    pub signs: Vec<String>,
    pub severity: Severity,
    pub actions: ConcernActions,
    pub follow_up: Option<NaiveDate>,
}
