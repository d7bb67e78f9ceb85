//! Turning queued changes into what leaves the laptop: the explicit upload
//! type (never the vault's row), in batches bounded in items and bytes.

use beredskab_protocol::{ActivityUpload, ConcernUpload, RecordKind, UploadItem, UploadKind};
use beredskab_vault::outbox::{OutboxKind, OutboxRecord, PendingChange};
use beredskab_vault::Settled;
use uuid::Uuid;

/// The items to send, and changes that can never be sent (settled locally
/// as refused, so they do not block the rest).
pub struct Batch {
    pub items: Vec<UploadItem>,
    pub unsendable: Vec<(Uuid, Settled)>,
    /// The queue held more than fitted.
    pub full: bool,
    /// The queue place of the last change taken (sent or settled here).
    pub last_seq: Option<i64>,
}

pub fn build(pending: Vec<PendingChange>, max_items: usize, max_bytes: usize) -> Batch {
    let mut batch = Batch {
        items: Vec::new(),
        unsendable: Vec::new(),
        full: pending.len() >= max_items,
        last_seq: None,
    };
    let mut bytes = 0;
    for change in pending {
        let item = match upload_item(&change) {
            Ok(item) => item,
            Err(code) => {
                batch.last_seq = Some(change.seq);
                batch.unsendable.push((
                    change.upload_id,
                    Settled::Refused {
                        outcome: "rejected",
                        code: Some(code.into()),
                    },
                ));
                continue;
            }
        };
        let size = serde_json::to_vec(&item)
            .map(|v| v.len())
            .unwrap_or(max_bytes);
        if !batch.items.is_empty() && bytes + size > max_bytes {
            batch.full = true;
            break;
        }
        bytes += size;
        batch.last_seq = Some(change.seq);
        batch.items.push(item);
    }
    batch
}

fn upload_item(change: &PendingChange) -> Result<UploadItem, &'static str> {
    let concern_id = Uuid::parse_str(&change.concern_id).map_err(|_| "bad_id")?;
    let revision = u32::try_from(change.revision).map_err(|_| "bad_revision")?;
    let mut item = UploadItem {
        upload_id: change.upload_id,
        concern_id,
        revision,
        kind: UploadKind::Deletion,
        record: RecordKind::Concern,
        concern: None,
        activity: None,
    };
    match (change.record, change.kind) {
        (_, OutboxKind::Deletion) => {}
        (OutboxRecord::Concern, OutboxKind::Revision) => {
            let data = change.data.as_ref().ok_or("missing_concern")?;
            item.kind = UploadKind::Revision;
            item.concern = Some(ConcernUpload::from_data(data).map_err(|_| "incomplete")?);
        }
        (OutboxRecord::Activity, OutboxKind::Revision) => {
            let data = change.activity.as_ref().ok_or("missing_activity")?;
            item.kind = UploadKind::Revision;
            item.activity = Some(ActivityUpload::from_data(data));
        }
    }
    if change.record == OutboxRecord::Activity {
        item.record = RecordKind::Activity;
    }
    Ok(item)
}
