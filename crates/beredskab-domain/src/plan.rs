//! The action plan's targets, as content: a pack's `plan.toml` names the plan,
//! its tracks and each yearly target with what is counted for it. The yearly
//! report measures the service's own data against these.

use crate::activity::{ActivityMeasure, ActivityType};
use crate::concern::CaseStage;
use crate::Role;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub name: String,
    /// Who owns the plan, e.g. an administration.
    pub owner: String,
    pub first_year: i32,
    pub last_year: i32,
    pub tracks: Vec<Track>,
    pub targets: Vec<Target>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub id: String,
    pub track: String,
    pub description: String,
    /// The figure to reach in a year (or in `only_year`); never negative.
    pub yearly: i64,
    pub unit: TargetUnit,
    pub counts: Counting,
    /// Set when the target belongs to one year only (a pilot in 2024).
    #[serde(default)]
    pub only_year: Option<i32>,
}

impl Target {
    /// Whether the target applies in `year` of a plan running `first..=last`.
    pub fn applies_in(&self, year: i32) -> bool {
        self.only_year.is_none_or(|only| only == year)
    }
}

/// What a target's figure is a number of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum TargetUnit {
    Elever,
    Fagpersoner,
    Henvendelser,
    Borgersager,
    Kurser,
    Moeder,
    Skoler,
    Deltagere,
}

/// What is counted toward a target. This is the one place the counting
/// rules are named; the report counts by them and prints `describe`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Counting {
    /// Activities of one type: their number, or the sum of one of their counts.
    Activities {
        activity: ActivityType,
        measure: ActivityMeasure,
    },
    /// Concerns recorded by people in one role, observed in the period: every
    /// such concern is an inquiry; `borgersag` counts those that have become a
    /// citizen case (by their latest revision).
    Concerns { role: Role, stage: CaseStage },
}
