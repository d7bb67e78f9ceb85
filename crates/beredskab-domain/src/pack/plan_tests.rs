use super::fixture;
use super::*;
use crate::activity::{ActivityMeasure, ActivityType};
use crate::concern::CaseStage;
use crate::content::Role;
use crate::plan::{Counting, TargetUnit};
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).expect("date")
}

const PLAN: &str = r#"
name = "Handleplan"
owner = "Forvaltningen"
first_year = 2024
last_year = 2026

[[tracks]]
id = "voksne"
title = "Voksne"

[[targets]]
id = "kurser"
track = "voksne"
description = "Rettighedskurser"
yearly = 17
unit = "kurser"
counts = { kind = "activities", activity = "rettighedskursus", measure = "antal" }

[[targets]]
id = "sager"
track = "voksne"
description = "Borgersager"
yearly = 100
unit = "borgersager"
counts = { kind = "concerns", role = "social_kontrol_vejleder", stage = "borgersag" }
"#;

fn problems_with(plan: &str) -> Vec<Problem> {
    match check(&fixture::with(&[("plan.toml", plan)]), today()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

fn codes(plan: &str) -> Vec<(Option<String>, ProblemCode)> {
    problems_with(plan)
        .into_iter()
        .map(|p| (p.item, p.code))
        .collect()
}

#[test]
fn a_plan_is_read_with_its_targets_and_a_pack_without_one_is_still_valid() {
    let pack = check(&fixture::with(&[("plan.toml", PLAN)]), today()).expect("valid");
    let plan = pack.plan.expect("plan");
    assert_eq!(plan.targets.len(), 2);
    assert_eq!(
        plan.targets[1].counts,
        Counting::Concerns {
            role: Role::SocialKontrolVejleder,
            stage: CaseStage::Borgersag
        }
    );
    assert!(check(&fixture::files(), today())
        .expect("valid")
        .plan
        .is_none());
}

#[test]
fn a_duplicate_target_an_unknown_track_and_a_negative_figure_are_named() {
    let plan = PLAN
        .replacen("id = \"sager\"", "id = \"kurser\"", 1)
        .replacen("yearly = 17", "yearly = -3", 1)
        .replacen(
            "track = \"voksne\"\ndescription = \"Borgersager\"",
            "track = \"born\"\ndescription = \"Borgersager\"",
            1,
        );
    let found = codes(&plan);
    assert!(
        found.contains(&(Some("kurser".into()), ProblemCode::DuplicateId)),
        "{found:?}"
    );
    assert!(
        found.contains(&(Some("kurser".into()), ProblemCode::NegativeTarget)),
        "{found:?}"
    );
    assert!(
        found.contains(&(Some("kurser".into()), ProblemCode::UnknownTrack)),
        "{found:?}"
    );
}

#[test]
fn an_unknown_unit_or_counting_rule_is_a_bad_value_in_the_plan_file() {
    for (from, to) in [
        ("unit = \"kurser\"", "unit = \"timer\""),
        ("kind = \"activities\"", "kind = \"gaet\""),
        ("measure = \"antal\"", "measure = \"kroner\""),
    ] {
        let found = problems_with(&PLAN.replacen(from, to, 1));
        assert_eq!(found.len(), 1, "{to}: {found:#?}");
        assert_eq!(found[0].code, ProblemCode::BadValue, "{to}");
        assert_eq!(found[0].file, "plan.toml");
    }
}

#[test]
fn a_unit_must_fit_what_is_counted_and_a_year_must_be_in_the_plan() {
    let plan = PLAN
        .replacen("unit = \"kurser\"", "unit = \"henvendelser\"", 1)
        .replacen("yearly = 100", "yearly = 100\nonly_year = 2030", 1);
    let found = codes(&plan);
    assert!(found.contains(&(Some("kurser".into()), ProblemCode::UnitDoesNotMatchCounting)));
    assert!(found.contains(&(Some("sager".into()), ProblemCode::YearOutsidePlan)));
}

/// The default pack's targets, written here by hand from FACTS.md (the
/// action plan 2024–26's three tracks), not read from the pack.
#[test]
fn the_default_pack_carries_the_action_plans_targets_exactly() {
    let plan = crate::testing::default_pack()
        .plan
        .expect("the default pack has a plan");
    assert_eq!((plan.first_year, plan.last_year), (2024, 2026));
    let tracks: Vec<&str> = plan.tracks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(tracks, ["boern-unge", "voksne", "civilsamfund"]);
    let activities = |activity, measure| Counting::Activities { activity, measure };
    let vejleder = |stage| Counting::Concerns {
        role: Role::SocialKontrolVejleder,
        stage,
    };
    let expected = [
        (
            "boern-unge",
            2000,
            TargetUnit::Elever,
            activities(ActivityType::Workshop, ActivityMeasure::Elever),
            None,
        ),
        (
            "boern-unge",
            200,
            TargetUnit::Fagpersoner,
            activities(ActivityType::Opkvalificering, ActivityMeasure::Deltagere),
            None,
        ),
        (
            "boern-unge",
            2,
            TargetUnit::Skoler,
            activities(ActivityType::Pilotforloeb, ActivityMeasure::Antal),
            Some(2024),
        ),
        (
            "voksne",
            250,
            TargetUnit::Henvendelser,
            vejleder(CaseStage::Henvendelse),
            None,
        ),
        (
            "voksne",
            100,
            TargetUnit::Borgersager,
            vejleder(CaseStage::Borgersag),
            None,
        ),
        (
            "voksne",
            17,
            TargetUnit::Kurser,
            activities(ActivityType::Rettighedskursus, ActivityMeasure::Antal),
            None,
        ),
        (
            "civilsamfund",
            2,
            TargetUnit::Moeder,
            activities(ActivityType::Netvaerksmoede, ActivityMeasure::Antal),
            None,
        ),
    ];
    let found: Vec<_> = plan
        .targets
        .iter()
        .map(|t| {
            (
                t.track.as_str(),
                t.yearly,
                t.unit,
                t.counts.clone(),
                t.only_year,
            )
        })
        .collect();
    assert_eq!(found, expected);
}
