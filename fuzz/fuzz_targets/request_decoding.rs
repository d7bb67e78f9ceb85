//! What the service does with a request body before any storage: decode it
//! as the API's own types, check every item, decide it against no history.
//! Nothing here may panic, whatever the bytes.
#![no_main]

use beredskab_protocol::anchor::judge;
use beredskab_protocol::{AnchorPoint, EnrollRequest, SyncRequest};
use beredskab_server::storage::rules::{body_hash, decide, Facts};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = serde_json::from_slice::<EnrollRequest>(data);
    if let Ok(request) = serde_json::from_slice::<SyncRequest>(data) {
        let stored = AnchorPoint {
            count: 10,
            hash: "a".repeat(64),
        };
        let _ = judge(Some(&stored), &request.anchor);
        let device = uuid::Uuid::nil();
        let facts = Facts {
            seen: None,
            head: None,
            same_revision_hash: None,
        };
        for item in &request.items {
            let _ = item.problem();
            let _ = decide(item, &body_hash(item), device, &facts);
        }
    }
});
