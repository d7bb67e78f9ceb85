//! Enrolling, and draining the outbox: read a bounded batch and the audit
//! anchor (vault open briefly), send it with retries (vault closed), settle
//! the answers (vault open briefly), until the queue is empty. A change
//! leaves the queue only with the service's answer for it.

use crate::access::{vault, VaultAccess};
use crate::batch;
use crate::client::{checked_address, ServiceClient};
use crate::error::SyncError;
use crate::retry::{retrying, RetryPolicy};
use beredskab_protocol::{
    AnchorPoint, AuditAnchor, ErrorCode, ItemOutcome, ItemResult, SyncRequest, MAX_BATCH_BYTES,
    MAX_BATCH_ITEMS,
};
use beredskab_vault::Settled;
use std::collections::HashSet;
use std::sync::Arc;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PushReport {
    pub sent: usize,
    pub stored: usize,
    pub duplicates: usize,
    pub refused: usize,
    pub requests: usize,
}

#[derive(Debug, Clone, Copy)]
pub struct PushLimits {
    pub max_items: usize,
    pub max_bytes: usize,
}

impl Default for PushLimits {
    fn default() -> PushLimits {
        PushLimits {
            max_items: MAX_BATCH_ITEMS,
            max_bytes: MAX_BATCH_BYTES,
        }
    }
}

/// Enrolls this laptop with a one-time code and keeps the credential in the vault.
pub async fn enroll<V: VaultAccess>(
    access: &Arc<V>,
    address: &str,
    code: &str,
    device_name: &str,
) -> Result<String, SyncError> {
    let address = checked_address(address)?;
    // The vault must be open to keep the credential: find out before using the code.
    vault(access, |v| v.sync_account().map(|_| ())).await?;
    let client = ServiceClient::new(&address)?;
    let enrolled = client.enroll(code, device_name).await?;
    let unit = enrolled.unit.clone();
    vault(access, move |v| {
        v.set_sync_account(
            &address,
            &enrolled.device_id.to_string(),
            &enrolled.unit,
            &enrolled.credential,
        )
    })
    .await?;
    Ok(unit)
}

/// Sends everything queued. Returns what happened, or the first error that
/// retries could not overcome; whatever was settled before it stays settled.
/// A batch is read past the previous one's queue place, so nothing is sent
/// twice by this run; a change whose answer never got written is simply sent
/// again later (the service answers `duplicate`).
pub async fn push<V: VaultAccess>(
    access: &Arc<V>,
    client: Option<&ServiceClient>,
    limits: PushLimits,
    policy: RetryPolicy,
) -> Result<PushReport, SyncError> {
    let account = vault(access, |v| v.sync_account())
        .await?
        .ok_or(SyncError::NotEnrolled)?;
    let own;
    let client = match client {
        Some(client) => client,
        None => {
            own = ServiceClient::new(&account.server_url)?;
            &own
        }
    };
    let credential = account.credential.clone();
    let mut confirmed = account.confirmed.map(|(count, _)| count);
    let mut report = PushReport::default();
    let mut checks = 0;
    let mut cursor = 0;
    loop {
        let (batch, request) = read(access, cursor, limits, confirmed).await?;
        report.refused += batch.unsendable.len();
        if request.items.is_empty() && report.requests > 0 {
            return Ok(report);
        }
        report.requests += 1;
        let answer = retrying(policy, || client.sync(&credential, &request)).await;
        let response = match answer {
            Ok(response) => response,
            Err(e) if e.service_code() == Some(ErrorCode::AnchorCheck) && checks < 2 => {
                checks += 1;
                confirmed = match &e {
                    SyncError::Service { body, .. } => {
                        body.args.get("count").and_then(|c| c.parse().ok())
                    }
                    _ => None,
                };
                continue;
            }
            Err(e) if e.service_code() == Some(ErrorCode::DeviceRevoked) => {
                let unsent = vault(access, |v| v.wipe_after_revocation()).await?;
                return Err(SyncError::Revoked { unsent });
            }
            Err(e) => return Err(e),
        };
        if let Some(seq) = batch.last_seq {
            cursor = seq;
        }
        let answers = answers(&request, &response.results, &mut report);
        report.sent += request.items.len();
        confirmed = Some(response.confirmed.count);
        // Settled before the next batch is sent: writing the answers while the
        // next batch travels was measured slower on two cores (both stores
        // commit with fsync at once).
        settle(access, answers, response.confirmed).await?;
        if !batch.full {
            return Ok(report);
        }
    }
}

/// The next batch past `cursor`, with the audit anchor (vault open briefly).
async fn read<V: VaultAccess>(
    access: &Arc<V>,
    cursor: i64,
    limits: PushLimits,
    confirmed: Option<u64>,
) -> Result<(batch::Batch, SyncRequest), SyncError> {
    let (mut batch, head, at) = vault(access, move |v| {
        let pending = v.outbox_pending_after(cursor, limits.max_items)?;
        let batch = batch::build(pending, limits.max_items, limits.max_bytes);
        if !batch.unsendable.is_empty() {
            v.settle(&batch.unsendable)?;
        }
        let (head, at) = v.audit_anchor(confirmed)?;
        Ok((batch, head, at))
    })
    .await?;
    let request = SyncRequest {
        anchor: AuditAnchor {
            head: AnchorPoint {
                count: head.0,
                hash: head.1,
            },
            confirmed: at.map(|(count, hash)| AnchorPoint { count, hash }),
            taken_at: chrono::Utc::now(),
        },
        items: std::mem::take(&mut batch.items),
    };
    Ok((batch, request))
}

/// Writes a batch's answers and the confirmed audit point (vault open briefly).
async fn settle<V: VaultAccess>(
    access: &Arc<V>,
    answers: Vec<(Uuid, Settled)>,
    point: AnchorPoint,
) -> Result<(), SyncError> {
    vault(access, move |v| {
        v.settle_confirmed(&answers, point.count, &point.hash)
    })
    .await
}

/// The service's answer for each item this request sent (others are ignored).
fn answers(
    request: &SyncRequest,
    results: &[ItemResult],
    report: &mut PushReport,
) -> Vec<(Uuid, Settled)> {
    let sent: HashSet<Uuid> = request.items.iter().map(|i| i.upload_id).collect();
    let mut answers = Vec::with_capacity(results.len());
    for result in results {
        if !sent.contains(&result.upload_id) {
            continue;
        }
        let settled = match result.outcome {
            ItemOutcome::Stored => {
                report.stored += 1;
                Settled::Accepted
            }
            ItemOutcome::Duplicate => {
                report.duplicates += 1;
                Settled::Accepted
            }
            ItemOutcome::Conflict | ItemOutcome::Rejected => {
                report.refused += 1;
                Settled::Refused {
                    outcome: if result.outcome == ItemOutcome::Conflict {
                        "conflict"
                    } else {
                        "rejected"
                    },
                    code: result.code.clone(),
                }
            }
        };
        answers.push((result.upload_id, settled));
    }
    answers
}
