//! What the checks share: a fixed time, an enrolled device, a complete
//! concern, an item, an audit anchor.

use crate::storage::{Device, NewDevice, NewEnrollment, Storage, SyncOutcome};
use beredskab_domain::concern::{AgeBand, ConcernActions, Severity};
use beredskab_domain::content::{Role, TargetGroup};
use beredskab_protocol::{
    AnchorPoint, AuditAnchor, ConcernUpload, ItemOutcome, UploadItem, UploadKind,
};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use std::sync::Arc;
use uuid::Uuid;

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0)
        .single()
        .expect("time")
}

pub async fn enrolled(store: &Arc<dyn Storage>, unit: &str, credential: &str) -> Device {
    let code = format!("code-{credential}");
    store
        .create_enrollment(NewEnrollment {
            code_hash: code.clone(),
            unit: unit.into(),
            created_at: t0(),
            expires_at: t0() + Duration::minutes(15),
        })
        .await
        .expect("code");
    store
        .redeem_enrollment(
            &code,
            NewDevice {
                id: Uuid::new_v4(),
                name: format!("pc-{credential}"),
                credential_hash: credential.into(),
            },
            t0() + Duration::minutes(1),
        )
        .await
        .expect("enrolled")
}

pub fn concern() -> ConcernUpload {
    ConcernUpload {
        observed_on: NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
        recorder_role: Role::JobkonsulentSagsbehandler,
        recorder_unit: "Jobcenter Nord".into(),
        target_group: TargetGroup::Voksen,
        age_band: AgeBand::A18to24,
        gender: None,
        signs: vec!["isolation".into()],
        severity: Severity::Middel,
        actions: ConcernActions {
            underretning_sent: false,
            ..ConcernActions::default()
        },
        follow_up: None,
        case_stage: Default::default(),
    }
}

pub fn revision(concern_id: Uuid, n: u32) -> UploadItem {
    UploadItem {
        upload_id: Uuid::now_v7(),
        concern_id,
        revision: n,
        kind: UploadKind::Revision,
        record: Default::default(),
        activity: None,
        concern: Some(concern()),
    }
}

/// An anchor read now, as a laptop reads its log for each request.
pub fn anchor(count: u64, hash: &str, confirmed: Option<(u64, &str)>) -> AuditAnchor {
    anchor_at(count, hash, confirmed, Utc::now())
}

/// An anchor read at `taken_at`: an old request that arrives late.
pub fn anchor_at(
    count: u64,
    hash: &str,
    confirmed: Option<(u64, &str)>,
    taken_at: DateTime<Utc>,
) -> AuditAnchor {
    AuditAnchor {
        taken_at,
        head: AnchorPoint {
            count,
            hash: hash.into(),
        },
        confirmed: confirmed.map(|(count, hash)| AnchorPoint {
            count,
            hash: hash.into(),
        }),
    }
}

/// Each item's outcome and code, in order.
pub fn answers(out: &SyncOutcome) -> Vec<(ItemOutcome, Option<&str>)> {
    out.results
        .iter()
        .map(|r| (r.outcome, r.code.as_deref()))
        .collect()
}
