//! The audit anchor: each sync shows the server how long the device's audit
//! log is and its newest hash, so a laptop whose vault was rolled back, or
//! whose log was rewritten, is caught at its next sync.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One point of a hash-chained log: its length and the hash of its last entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnchorPoint {
    pub count: u64,
    /// Hex SHA-256 of the entry at `count`.
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditAnchor {
    /// The log as it is now.
    pub head: AnchorPoint,
    /// The entry at the count the server confirmed last time, as this log has
    /// it now; the server checks it against what it stored.
    pub confirmed: Option<AnchorPoint>,
    /// When the laptop read its log for this request (its clock). A copy of
    /// an old request that arrives late was read before the newer requests
    /// the server already took; a restored vault reads its log now. The
    /// clock is not restored with the vault, so the two can be told apart.
    pub taken_at: DateTime<Utc>,
}

/// What the server concludes from an anchor against the one it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorVerdict {
    /// Same log, or the same log grown: store the new head.
    Continues,
    /// Shorter than the stored one: rolled back.
    Rollback,
    /// Same length, other hash, or the confirmed point differs: rewritten.
    Fork,
    /// The request's confirmed point is for another count than the stored one.
    NeedsCheck,
}

/// Compares a device's new anchor with the head the server stored last.
pub fn judge(stored: Option<&AnchorPoint>, anchor: &AuditAnchor) -> AnchorVerdict {
    let Some(stored) = stored else {
        return AnchorVerdict::Continues;
    };
    let head = &anchor.head;
    if head.count < stored.count {
        return AnchorVerdict::Rollback;
    }
    if head.count == stored.count {
        return if head.hash == stored.hash {
            AnchorVerdict::Continues
        } else {
            AnchorVerdict::Fork
        };
    }
    match &anchor.confirmed {
        Some(point) if point.count == stored.count => {
            if point.hash == stored.hash {
                AnchorVerdict::Continues
            } else {
                AnchorVerdict::Fork
            }
        }
        _ => AnchorVerdict::NeedsCheck,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(count: u64, hash: &str) -> AnchorPoint {
        AnchorPoint {
            count,
            hash: hash.into(),
        }
    }

    fn anchor(head: AnchorPoint, confirmed: Option<AnchorPoint>) -> AuditAnchor {
        AuditAnchor {
            head,
            confirmed,
            taken_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn a_log_is_judged_against_the_stored_head() {
        let stored = point(10, "a");
        assert_eq!(
            judge(None, &anchor(point(3, "x"), None)),
            AnchorVerdict::Continues
        );
        assert_eq!(
            judge(Some(&stored), &anchor(point(10, "a"), None)),
            AnchorVerdict::Continues
        );
        assert_eq!(
            judge(Some(&stored), &anchor(point(10, "b"), None)),
            AnchorVerdict::Fork
        );
        assert_eq!(
            judge(Some(&stored), &anchor(point(9, "a"), None)),
            AnchorVerdict::Rollback
        );
        assert_eq!(
            judge(Some(&stored), &anchor(point(12, "c"), Some(point(10, "a")))),
            AnchorVerdict::Continues
        );
        assert_eq!(
            judge(Some(&stored), &anchor(point(12, "c"), Some(point(10, "z")))),
            AnchorVerdict::Fork
        );
        assert_eq!(
            judge(Some(&stored), &anchor(point(12, "c"), Some(point(8, "a")))),
            AnchorVerdict::NeedsCheck
        );
        assert_eq!(
            judge(Some(&stored), &anchor(point(12, "c"), None)),
            AnchorVerdict::NeedsCheck
        );
    }
}
