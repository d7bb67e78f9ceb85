//! One sync: the device's audit anchor and a batch of queued changes up, an
//! outcome per change down. The device drops a change from its queue only
//! when its outcome says the server has it (stored, duplicate, or kept).

use crate::anchor::{AnchorPoint, AuditAnchor};
use crate::upload::UploadItem;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SyncRequest {
    pub anchor: AuditAnchor,
    /// Oldest first; at most `MAX_BATCH_ITEMS`.
    pub items: Vec<UploadItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemOutcome {
    /// Committed now.
    Stored,
    /// Committed before, with the same content.
    Duplicate,
    /// Kept, but for a person to review: the upload id came with other
    /// content, or the revision does not follow the record's current one.
    Conflict,
    /// Not kept: the content breaks a rule (see `code`). Never retried.
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemResult {
    pub upload_id: Uuid,
    pub outcome: ItemOutcome,
    /// Why, for a conflict or a rejection: a stable code such as
    /// `upload_id_reused`, `revision_conflict`, `invalid_record`, `not_yours`.
    pub code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyncResponse {
    /// One per item, in the request's order.
    pub results: Vec<ItemResult>,
    /// The head the server now holds: the device sends the hash at this count next time.
    pub confirmed: AnchorPoint,
}
