//! What one uploaded change does, decided from what the store already holds.
//! Pure: each backend reads the facts in its transaction, asks `decide`, and
//! writes what it says. Exactly once rests here: an upload id is stored once;
//! a retry with the same content is a duplicate; anything that does not
//! follow the record's history is kept for a person, never merged.

use super::{Device, StorageError};
use beredskab_protocol::anchor::AnchorVerdict;
use beredskab_protocol::{DeviceStatus, ItemOutcome, RecordKind, UploadItem, UploadKind};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// An upload id seen before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenUpload {
    pub device_id: Uuid,
    pub body_hash: String,
    pub outcome: ItemOutcome,
    pub code: Option<String>,
}

/// The record as stored now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub device_id: Uuid,
    pub revision: u32,
    pub deleted: bool,
}

/// What the store knows that bears on one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub seen: Option<SeenUpload>,
    pub head: Option<Head>,
    /// The body hash of this (concern, revision) if stored under another upload id.
    pub same_revision_hash: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// A first revision, or a deletion of a record the server never had (a tombstone).
    Create,
    /// The next revision, or the deletion, of the current record.
    Advance,
    /// Kept apart for a person; the record is unchanged.
    Review,
    /// Nothing but the upload id and its outcome.
    Nothing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub outcome: ItemOutcome,
    pub code: Option<String>,
    pub write: Write,
    /// Record the upload id with this outcome (false for a repeat of a known id).
    pub remember: bool,
}

impl Decision {
    fn new(outcome: ItemOutcome, code: Option<&'static str>, write: Write) -> Decision {
        Decision {
            outcome,
            code: code.map(str::to_string),
            write,
            remember: true,
        }
    }
}

/// The body's hash: what makes "the same upload" the same.
/// A device that may sync, or the error its status gives.
pub fn refuse_unless_active(device: &Device) -> Result<(), StorageError> {
    match device.status {
        DeviceStatus::Active => Ok(()),
        DeviceStatus::Revoked => Err(StorageError::DeviceRevoked),
        DeviceStatus::Flagged if device.flag.as_deref() == Some("audit_fork") => {
            Err(StorageError::AuditFork)
        }
        DeviceStatus::Flagged => Err(StorageError::AuditRollback),
    }
}

/// The flag a device gets for an audit log that went backwards or forked,
/// and the error the request gets.
pub fn flag_for(verdict: AnchorVerdict) -> (&'static str, StorageError) {
    match verdict {
        AnchorVerdict::Rollback => ("audit_rollback", StorageError::AuditRollback),
        _ => ("audit_fork", StorageError::AuditFork),
    }
}

pub fn body_hash(item: &UploadItem) -> String {
    hex::encode(Sha256::digest(serde_json::to_vec(item).unwrap_or_default()))
}

pub fn decide(item: &UploadItem, hash: &str, device: Uuid, facts: &Facts) -> Decision {
    if let Some(seen) = &facts.seen {
        if seen.device_id == device && seen.body_hash == hash {
            // A retry: the same answer as the first time, written nowhere.
            let outcome = match seen.outcome {
                ItemOutcome::Stored | ItemOutcome::Duplicate => ItemOutcome::Duplicate,
                other => other,
            };
            return Decision {
                outcome,
                code: seen.code.clone(),
                write: Write::Nothing,
                remember: false,
            };
        }
        return Decision {
            remember: false,
            ..Decision::new(
                ItemOutcome::Conflict,
                Some("upload_id_reused"),
                Write::Review,
            )
        };
    }
    if let Some(code) = item.problem() {
        return Decision::new(ItemOutcome::Rejected, Some(code), Write::Nothing);
    }
    if let Some(head) = &facts.head {
        if head.device_id != device {
            return Decision::new(ItemOutcome::Rejected, Some("not_yours"), Write::Nothing);
        }
    }
    match (item.kind, &facts.head) {
        (UploadKind::Revision, None) if item.revision == 1 => {
            Decision::new(ItemOutcome::Stored, None, Write::Create)
        }
        (UploadKind::Revision, None) => Decision::new(
            ItemOutcome::Conflict,
            Some("revision_conflict"),
            Write::Review,
        ),
        (UploadKind::Revision, Some(head)) if head.deleted => {
            Decision::new(ItemOutcome::Conflict, Some("record_deleted"), Write::Review)
        }
        (UploadKind::Revision, Some(head)) if item.revision == head.revision + 1 => {
            Decision::new(ItemOutcome::Stored, None, Write::Advance)
        }
        (UploadKind::Revision, Some(_)) => {
            if facts.same_revision_hash.as_deref() == Some(hash_without_id(item).as_str()) {
                Decision::new(ItemOutcome::Duplicate, None, Write::Nothing)
            } else {
                Decision::new(
                    ItemOutcome::Conflict,
                    Some("revision_conflict"),
                    Write::Review,
                )
            }
        }
        (UploadKind::Deletion, None) => Decision::new(ItemOutcome::Stored, None, Write::Create),
        (UploadKind::Deletion, Some(head)) if head.deleted => {
            Decision::new(ItemOutcome::Duplicate, None, Write::Nothing)
        }
        (UploadKind::Deletion, Some(_)) => Decision::new(ItemOutcome::Stored, None, Write::Advance),
    }
}

/// The hash of a revision's content without its upload id: the same
/// revision sent again under a new id (a re-queued change) is the same.
pub fn hash_without_id(item: &UploadItem) -> String {
    let bytes = match item.record {
        // A concern's hash reads as it did before activities existed.
        RecordKind::Concern => {
            serde_json::to_vec(&(item.concern_id, item.revision, item.kind, &item.concern))
        }
        RecordKind::Activity => serde_json::to_vec(&(
            item.concern_id,
            item.revision,
            item.kind,
            item.record,
            &item.activity,
        )),
    };
    hex::encode(Sha256::digest(bytes.unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use beredskab_domain::concern::{AgeBand, ConcernActions, Severity};
    use beredskab_domain::content::{Role, TargetGroup};
    use beredskab_protocol::ConcernUpload;
    use chrono::NaiveDate;

    fn revision(concern: Uuid, n: u32) -> UploadItem {
        UploadItem {
            upload_id: Uuid::now_v7(),
            concern_id: concern,
            revision: n,
            kind: UploadKind::Revision,
            record: Default::default(),
            activity: None,
            concern: Some(ConcernUpload {
                observed_on: NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"),
                recorder_role: Role::LaererPaedagog,
                recorder_unit: "Skole Nord".into(),
                target_group: TargetGroup::BarnUng,
                age_band: AgeBand::A13to17,
                gender: None,
                signs: vec!["pas-taget".into()],
                severity: Severity::Hoej,
                actions: ConcernActions::default(),
                follow_up: None,
                case_stage: Default::default(),
            }),
        }
    }

    fn none() -> Facts {
        Facts {
            seen: None,
            head: None,
            same_revision_hash: None,
        }
    }

    fn head(device: Uuid, revision: u32, deleted: bool) -> Option<Head> {
        Some(Head {
            device_id: device,
            revision,
            deleted,
        })
    }

    #[test]
    fn a_first_revision_is_stored_and_its_retry_is_a_duplicate() {
        let device = Uuid::new_v4();
        let item = revision(Uuid::new_v4(), 1);
        let hash = body_hash(&item);
        let first = decide(&item, &hash, device, &none());
        assert_eq!(
            (first.outcome, first.write),
            (ItemOutcome::Stored, Write::Create)
        );
        let seen = Facts {
            seen: Some(SeenUpload {
                device_id: device,
                body_hash: hash.clone(),
                outcome: ItemOutcome::Stored,
                code: None,
            }),
            ..none()
        };
        let again = decide(&item, &hash, device, &seen);
        assert_eq!(
            (again.outcome, again.write, again.remember),
            (ItemOutcome::Duplicate, Write::Nothing, false)
        );
    }

    #[test]
    fn an_upload_id_with_other_content_is_kept_for_review() {
        let device = Uuid::new_v4();
        let item = revision(Uuid::new_v4(), 1);
        let seen = Facts {
            seen: Some(SeenUpload {
                device_id: device,
                body_hash: "other".into(),
                outcome: ItemOutcome::Stored,
                code: None,
            }),
            ..none()
        };
        let d = decide(&item, &body_hash(&item), device, &seen);
        assert_eq!(
            (d.outcome, d.code.as_deref(), d.write),
            (
                ItemOutcome::Conflict,
                Some("upload_id_reused"),
                Write::Review
            )
        );
    }

    #[test]
    fn a_revision_must_follow_the_head() {
        let device = Uuid::new_v4();
        let concern = Uuid::new_v4();
        let next = revision(concern, 3);
        let facts = Facts {
            head: head(device, 2, false),
            ..none()
        };
        assert_eq!(
            decide(&next, &body_hash(&next), device, &facts).write,
            Write::Advance
        );
        let gap = revision(concern, 5);
        let d = decide(&gap, &body_hash(&gap), device, &facts);
        assert_eq!(
            (d.outcome, d.code.as_deref()),
            (ItemOutcome::Conflict, Some("revision_conflict"))
        );
        let orphan = revision(Uuid::new_v4(), 2);
        assert_eq!(
            decide(&orphan, &body_hash(&orphan), device, &none()).outcome,
            ItemOutcome::Conflict
        );
    }

    #[test]
    fn an_old_revision_sent_again_under_a_new_id_is_a_duplicate_only_if_equal() {
        let device = Uuid::new_v4();
        let item = revision(Uuid::new_v4(), 2);
        let same = Facts {
            head: head(device, 4, false),
            same_revision_hash: Some(hash_without_id(&item)),
            ..none()
        };
        assert_eq!(
            decide(&item, &body_hash(&item), device, &same).outcome,
            ItemOutcome::Duplicate
        );
        let differs = Facts {
            same_revision_hash: Some("x".into()),
            ..same
        };
        assert_eq!(
            decide(&item, &body_hash(&item), device, &differs).outcome,
            ItemOutcome::Conflict
        );
    }

    #[test]
    fn another_devices_record_is_refused_and_invalid_content_rejected() {
        let device = Uuid::new_v4();
        let item = revision(Uuid::new_v4(), 2);
        let theirs = Facts {
            head: head(Uuid::new_v4(), 1, false),
            ..none()
        };
        let d = decide(&item, &body_hash(&item), device, &theirs);
        assert_eq!(
            (d.outcome, d.code.as_deref()),
            (ItemOutcome::Rejected, Some("not_yours"))
        );
        let mut bad = revision(Uuid::new_v4(), 1);
        bad.concern = None;
        let d = decide(&bad, &body_hash(&bad), device, &none());
        assert_eq!(
            (d.outcome, d.code.as_deref()),
            (ItemOutcome::Rejected, Some("missing_concern"))
        );
    }

    #[test]
    fn deletions_end_a_record_once_and_a_later_revision_is_kept_apart() {
        let device = Uuid::new_v4();
        let concern = Uuid::new_v4();
        let deletion = UploadItem {
            kind: UploadKind::Deletion,
            record: Default::default(),
            activity: None,
            concern: None,
            ..revision(concern, 2)
        };
        let live = Facts {
            head: head(device, 2, false),
            ..none()
        };
        assert_eq!(
            decide(&deletion, &body_hash(&deletion), device, &live).write,
            Write::Advance
        );
        assert_eq!(
            decide(&deletion, &body_hash(&deletion), device, &none()).write,
            Write::Create
        );
        let gone = Facts {
            head: head(device, 2, true),
            ..none()
        };
        assert_eq!(
            decide(&deletion, &body_hash(&deletion), device, &gone).outcome,
            ItemOutcome::Duplicate
        );
        let late = revision(concern, 3);
        let d = decide(&late, &body_hash(&late), device, &gone);
        assert_eq!(
            (d.outcome, d.code.as_deref()),
            (ItemOutcome::Conflict, Some("record_deleted"))
        );
    }
}
