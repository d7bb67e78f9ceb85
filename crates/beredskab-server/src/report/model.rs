//! The yearly report as data: what every format (JSON, CSV, xlsx, HTML,
//! PDF) renders. Plain values; the Danish words are chosen when it is built.

use crate::report::suppress::Protected;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Report {
    pub title: String,
    pub plan: Option<PlanHeading>,
    pub year: i32,
    /// The day the report was made, 27.11.2026.
    pub made_on: String,
    /// The data count as of the end of this day.
    pub cut_off: String,
    /// "" when the pack carries no plan.
    pub targets: Vec<TargetLine>,
    pub concern_tables: Vec<ConcernTable>,
    /// Units whose newest sync is older than the cut-off: their figures may
    /// miss what they have not sent.
    pub stale_units: Vec<StaleUnit>,
    /// The counting rules and the rule for small numbers, as printed.
    pub method: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PlanHeading {
    pub name: String,
    pub owner: String,
    pub period: String,
}

/// A figure, or the honest "ingen data" when nothing could have arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Figure {
    Count(u64),
    NoData,
    /// The target did not apply (a year outside the plan).
    NotApplicable,
}

impl Figure {
    pub fn text(self) -> String {
        match self {
            Figure::Count(n) => crate::report::danish::number(n),
            Figure::NoData => "ingen data".into(),
            Figure::NotApplicable => "–".into(),
        }
    }

    pub fn count(self) -> Option<u64> {
        match self {
            Figure::Count(n) => Some(n),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct TargetLine {
    pub id: String,
    pub track: String,
    pub description: String,
    /// "elever", "borgersager", …
    pub unit: String,
    pub target: u64,
    pub figure: Figure,
    /// The figure as a share of the target, in per cent, when both exist.
    pub share_percent: Option<f64>,
    pub previous_year: Figure,
    #[schema(value_type = Vec<Figure>)]
    pub quarters: [Figure; 4],
    /// How it is counted, in words.
    pub counting: String,
}

/// Concerns of the year per unit (rows) by one dimension (columns).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ConcernTable {
    pub id: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<String>,
    /// Units with computers none of which has synced since the year began:
    /// shown as "ingen data", outside the counts and totals.
    pub no_data: Vec<String>,
    /// True when a concern can count in more than one column: the totals
    /// are then the number of marks, not of concerns.
    pub marks: bool,
    pub table: Protected,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StaleUnit {
    pub unit: String,
    /// Danish date of the unit's newest sync, or None if it never synced.
    pub last_sync: Option<String>,
}
