//! Checks a pack's action plan: every target in a known track, with a unique
//! id, a figure of zero or more, a year inside the plan, and a unit that
//! fits what it counts.

use super::parse::PLAN_FILE;
use super::problem::{Problem, ProblemCode};
use super::validate::is_valid_id;
use crate::plan::{Counting, Plan, TargetUnit};
use std::collections::HashSet;

pub fn plan_problems(plan: &Plan) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |item: &str, field: &str, code: ProblemCode, args: &[(&str, String)]| {
        let mut problem = Problem {
            item: Some(item.to_string()),
            field: Some(field.to_string()),
            ..Problem::in_file(PLAN_FILE, code)
        };
        for (name, value) in args {
            problem = problem.with(name, value);
        }
        problems.push(problem);
    };
    for (field, text) in [("name", &plan.name), ("owner", &plan.owner)] {
        if text.trim().is_empty() {
            push("plan", field, ProblemCode::Empty, &[]);
        }
    }
    if plan.last_year < plan.first_year {
        let year = plan.last_year.to_string();
        push(
            "plan",
            "last_year",
            ProblemCode::YearOutsidePlan,
            &[("year", year)],
        );
    }
    for (field, len) in [
        ("tracks", plan.tracks.len()),
        ("targets", plan.targets.len()),
    ] {
        if len == 0 {
            push("plan", field, ProblemCode::Empty, &[]);
        }
    }
    let mut tracks = HashSet::new();
    for track in &plan.tracks {
        if !is_valid_id(&track.id) {
            push(
                &track.id,
                "id",
                ProblemCode::BadId,
                &[("id", track.id.clone())],
            );
        }
        if !tracks.insert(track.id.as_str()) {
            let args = [("id", track.id.clone()), ("other", PLAN_FILE.to_string())];
            push(&track.id, "id", ProblemCode::DuplicateId, &args);
        }
        if track.title.trim().is_empty() {
            push(&track.id, "title", ProblemCode::Empty, &[]);
        }
    }
    let mut targets = HashSet::new();
    for target in &plan.targets {
        let id = target.id.as_str();
        if !is_valid_id(id) {
            push(id, "id", ProblemCode::BadId, &[("id", id.to_string())]);
        }
        if !targets.insert(id) {
            let args = [("id", id.to_string()), ("other", PLAN_FILE.to_string())];
            push(id, "id", ProblemCode::DuplicateId, &args);
        }
        if !tracks.contains(target.track.as_str()) {
            push(
                id,
                "track",
                ProblemCode::UnknownTrack,
                &[("id", target.track.clone())],
            );
        }
        if target.description.trim().is_empty() {
            push(id, "description", ProblemCode::Empty, &[]);
        }
        if target.yearly < 0 {
            let figure = target.yearly.to_string();
            push(
                id,
                "yearly",
                ProblemCode::NegativeTarget,
                &[("figure", figure)],
            );
        }
        if let Some(year) = target.only_year {
            if !(plan.first_year..=plan.last_year).contains(&year) {
                let year = year.to_string();
                push(
                    id,
                    "only_year",
                    ProblemCode::YearOutsidePlan,
                    &[("year", year)],
                );
            }
        }
        let counts_cases = matches!(target.counts, Counting::Concerns { .. });
        let unit_is_cases = matches!(
            target.unit,
            TargetUnit::Henvendelser | TargetUnit::Borgersager
        );
        if counts_cases != unit_is_cases {
            push(id, "unit", ProblemCode::UnitDoesNotMatchCounting, &[]);
        }
    }
    problems
}
