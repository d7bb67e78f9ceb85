//! The wire name serde gives a unit enum value, so each name is written once,
//! in its `#[serde(rename…)]` attribute, and reused for codes, SQL and counts.

use serde::Serialize;

/// `Tier::HandlNu` → `"handl_nu"`; empty for values that are not plain strings.
pub fn serde_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{TargetGroup, Tier};

    #[test]
    fn names_follow_the_serde_attributes() {
        assert_eq!(serde_name(&Tier::HandlNu), "handl_nu");
        assert_eq!(serde_name(&TargetGroup::BarnUng), "barn_ung");
        assert_eq!(serde_name(&42), "");
    }
}
