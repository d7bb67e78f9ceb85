//! What leaves the laptop: one item per queued change, named by its upload id.
//! The fields are chosen here, one by one; the vault's own rows never cross.

use crate::activity_upload::ActivityUpload;
use beredskab_domain::concern::{
    looks_like_cpr, AgeBand, CaseStage, ConcernActions, ConcernData, Gender, Severity,
    MAX_LIST_ITEMS, MAX_UNIT_CHARS,
};
use beredskab_domain::content::{Role, TargetGroup};
use beredskab_domain::text::hidden_kind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UploadKind {
    /// A registered revision of a concern.
    Revision,
    /// The concern was deleted on the laptop.
    Deletion,
}

/// What a record is. Concerns came first, so an item without `record` is one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    #[default]
    Concern,
    Activity,
}

impl RecordKind {
    fn is_concern(&self) -> bool {
        *self == RecordKind::Concern
    }
}

/// One queued change, sent at least once and stored at most once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UploadItem {
    /// Made when the change was queued; the server stores each id once.
    pub upload_id: Uuid,
    /// The record's id: a concern's, or an activity's when `record` says so.
    pub concern_id: Uuid,
    /// The revision this change makes, from 1 (a deletion carries the last
    /// revision it saw). Revision n follows n − 1.
    pub revision: u32,
    pub kind: UploadKind,
    /// Left out for a concern, so a concern's item reads as it always did.
    #[serde(default, skip_serializing_if = "RecordKind::is_concern")]
    pub record: RecordKind,
    /// A concern's revision: present for a revision, absent for a deletion.
    pub concern: Option<ConcernUpload>,
    /// An activity's revision, likewise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<ActivityUpload>,
}

/// The fields of a concern the central service receives. The free-text note
/// and the case reference stay on the laptop: the centre counts and follows
/// up by unit, never by person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConcernUpload {
    pub observed_on: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub recorder_role: Role,
    pub recorder_unit: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub target_group: TargetGroup,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub age_band: AgeBand,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub gender: Option<Gender>,
    pub signs: Vec<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub severity: Severity,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub actions: ConcernActions,
    pub follow_up: Option<NaiveDate>,
    /// An inquiry, or a citizen case; a client from before this field sends
    /// none, which reads as an inquiry.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub case_stage: CaseStage,
}

/// A registered concern always has these; a record without one is not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a registered concern lacks {0}")]
pub struct MissingForUpload(pub &'static str);

impl ConcernUpload {
    /// The fields of a registered revision that may leave the laptop.
    pub fn from_data(data: &ConcernData) -> Result<ConcernUpload, MissingForUpload> {
        Ok(ConcernUpload {
            observed_on: data.observed_on.ok_or(MissingForUpload("observed_on"))?,
            recorder_role: data
                .recorder_role
                .ok_or(MissingForUpload("recorder_role"))?,
            recorder_unit: data.recorder_unit.clone(),
            target_group: data.target_group.ok_or(MissingForUpload("target_group"))?,
            age_band: data.age_band.ok_or(MissingForUpload("age_band"))?,
            gender: data.gender,
            signs: data.signs.clone(),
            severity: data.severity.ok_or(MissingForUpload("severity"))?,
            actions: data.actions.clone(),
            follow_up: data.follow_up,
            case_stage: data.case_stage,
        })
    }
}

impl UploadItem {
    /// The server's own check of what it is asked to keep; the code names
    /// the first broken rule. The laptop checked the same before queueing.
    pub fn problem(&self) -> Option<&'static str> {
        if self.revision == 0 {
            return Some("bad_revision");
        }
        match self.record {
            RecordKind::Concern if self.activity.is_some() => Some("unexpected_activity"),
            RecordKind::Activity if self.concern.is_some() => Some("unexpected_concern"),
            RecordKind::Concern => match (self.kind, &self.concern) {
                (UploadKind::Revision, None) => Some("missing_concern"),
                (UploadKind::Deletion, Some(_)) => Some("unexpected_concern"),
                (UploadKind::Deletion, None) => None,
                (UploadKind::Revision, Some(c)) => c.problem(),
            },
            RecordKind::Activity => match (self.kind, &self.activity) {
                (UploadKind::Revision, None) => Some("missing_activity"),
                (UploadKind::Deletion, Some(_)) => Some("unexpected_activity"),
                (UploadKind::Deletion, None) => None,
                (UploadKind::Revision, Some(a)) => a.problem(),
            },
        }
    }
}

impl ConcernUpload {
    fn problem(&self) -> Option<&'static str> {
        let unit = self.recorder_unit.trim();
        if unit.is_empty() || unit.chars().count() > MAX_UNIT_CHARS {
            return Some("bad_unit");
        }
        if hidden_kind(&self.recorder_unit, false).is_some() {
            return Some("format_chars");
        }
        // The laptop lets a person keep a CPR-like number after a warning; the
        // service holds no person's number, so it refuses the change.
        if looks_like_cpr(&self.recorder_unit) {
            return Some("cpr_in_unit");
        }
        let ids = self
            .signs
            .iter()
            .chain(&self.actions.cards_followed)
            .chain(&self.actions.contacted);
        let lists = [
            self.signs.len(),
            self.actions.cards_followed.len(),
            self.actions.contacted.len(),
        ];
        if self.signs.is_empty() || lists.iter().any(|n| *n > MAX_LIST_ITEMS) {
            return Some("bad_list");
        }
        if ids.into_iter().any(|id| !is_item_id(id)) {
            return Some("bad_id");
        }
        None
    }
}

/// Ids of signs, cards and contacts: lower-case ASCII words joined by dashes.
fn is_item_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registered_concern() -> ConcernData {
        ConcernData {
            observed_on: NaiveDate::from_ymd_opt(2026, 11, 2),
            recorder_role: Some(Role::LaererPaedagog),
            recorder_unit: "Skole Nord".into(),
            target_group: Some(TargetGroup::BarnUng),
            age_band: Some(AgeBand::A13to17),
            gender: None,
            signs: vec!["pas-taget".into()],
            severity: Some(Severity::Hoej),
            note: "Eleven fortalte om sommerferien.".into(),
            actions: ConcernActions::default(),
            follow_up: None,
            case_ref: Some("S-2026-114".into()),
            case_stage: CaseStage::Borgersag,
        }
    }

    /// What crosses the wire is exactly these fields: adding one is a decision,
    /// made here and seen in review.
    #[test]
    fn the_upload_carries_exactly_these_fields() {
        let upload = ConcernUpload::from_data(&registered_concern()).expect("complete");
        let json = serde_json::to_value(&upload).expect("json");
        let mut fields: Vec<&str> = json
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            [
                "actions",
                "age_band",
                "case_stage",
                "follow_up",
                "gender",
                "observed_on",
                "recorder_role",
                "recorder_unit",
                "severity",
                "signs",
                "target_group"
            ]
        );
        let text = json.to_string();
        let data = registered_concern();
        assert!(!text.contains(&data.note), "the note stays on the laptop");
    }

    #[test]
    fn the_server_refuses_what_breaks_a_rule() {
        let good = UploadItem {
            upload_id: Uuid::now_v7(),
            concern_id: Uuid::new_v4(),
            revision: 1,
            kind: UploadKind::Revision,
            record: Default::default(),
            activity: None,
            concern: Some(ConcernUpload::from_data(&registered_concern()).expect("complete")),
        };
        assert_eq!(good.problem(), None);
        let mut bad = good.clone();
        bad.revision = 0;
        assert_eq!(bad.problem(), Some("bad_revision"));
        let mut bad = good.clone();
        if let Some(c) = bad.concern.as_mut() {
            c.recorder_unit = "Skole\u{202e}Nord".into();
        }
        assert_eq!(bad.problem(), Some("format_chars"));
        let mut bad = good.clone();
        if let Some(c) = bad.concern.as_mut() {
            c.recorder_unit = "Skole Nord 010203-1234".into();
        }
        assert_eq!(bad.problem(), Some("cpr_in_unit"));
        let mut bad = good.clone();
        if let Some(c) = bad.concern.as_mut() {
            c.signs = vec!["Ikke et id".into()];
        }
        assert_eq!(bad.problem(), Some("bad_id"));
        let mut bad = good;
        bad.kind = UploadKind::Deletion;
        assert_eq!(bad.problem(), Some("unexpected_concern"));
    }
}
