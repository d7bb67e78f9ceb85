//! Turning the service's rows into the report: the one place the counting
//! rules are applied. Pure: the rows, the pack and the dates come in.

use crate::report::danish;
use crate::report::model::{ConcernTable, Figure, PlanHeading, Report, StaleUnit, TargetLine};
use crate::report::suppress::protect;
use crate::report::words;
use crate::storage::{Device, StoredActivity, StoredConcern};
use beredskab_domain::activity::ActivityMeasure;
use beredskab_domain::concern::{AgeBand, CaseStage, Severity};
use beredskab_domain::content::{Pack, TargetGroup};
use beredskab_domain::plan::{Counting, Target};
use beredskab_domain::serde_name::serde_name;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

pub struct ReportInput<'a> {
    pub year: i32,
    pub made_on: NaiveDate,
    /// The last day whose data count.
    pub cut_off: NaiveDate,
    pub pack: Option<&'a Pack>,
    pub concerns: &'a [StoredConcern],
    pub activities: &'a [StoredActivity],
    pub devices: &'a [Device],
}

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy)]
struct Span {
    from: NaiveDate,
    to: NaiveDate,
}

impl Span {
    fn year(year: i32) -> Option<Span> {
        Some(Span {
            from: NaiveDate::from_ymd_opt(year, 1, 1)?,
            to: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    fn quarter(year: i32, q: u32) -> Option<Span> {
        let from = NaiveDate::from_ymd_opt(year, 3 * (q - 1) + 1, 1)?;
        let next = if q == 4 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, 3 * q + 1, 1)?
        };
        Some(Span {
            from,
            to: next.pred_opt()?,
        })
    }

    fn holds(&self, day: NaiveDate) -> bool {
        (self.from..=self.to).contains(&day)
    }
}

/// What a target counts in a span: the counting rules, in one place.
pub fn count(
    target: &Target,
    span_from: NaiveDate,
    span_to: NaiveDate,
    input: &ReportInput,
) -> u64 {
    let span = Span {
        from: span_from,
        to: span_to.min(input.cut_off),
    };
    match &target.counts {
        Counting::Activities { activity, measure } => input
            .activities
            .iter()
            .filter(|a| a.activity_type == *activity && span.holds(a.held_on))
            .map(|a| {
                u64::from(match measure {
                    ActivityMeasure::Antal => 1,
                    ActivityMeasure::Elever => a.pupils,
                    ActivityMeasure::Deltagere => a.participants,
                    ActivityMeasure::Organisationer => a.organisations,
                })
            })
            .sum(),
        Counting::Concerns { role, stage } => input
            .concerns
            .iter()
            .filter(|c| c.recorder_role == *role && span.holds(c.observed_on))
            .filter(|c| *stage == CaseStage::Henvendelse || c.case_stage == CaseStage::Borgersag)
            .count() as u64,
    }
}

/// Whether a 0 for the span can be trusted: the span has begun by the
/// cut-off, and some computer enrolled by its end has synced since it began
/// (what was recorded in it has had a chance to arrive). A year before the
/// service was in use has no data, not zeros.
fn has_data(span: Span, input: &ReportInput) -> bool {
    span.from <= input.cut_off
        && input
            .devices
            .iter()
            .filter(|d| d.enrolled_at.date_naive() <= span.to)
            .filter_map(|d| d.last_sync_at)
            .any(|at| at.date_naive() >= span.from)
}

fn figure_in(target: &Target, span: Option<Span>, input: &ReportInput) -> Figure {
    let Some(span) = span else {
        return Figure::NotApplicable;
    };
    let n = count(target, span.from, span.to, input);
    if n > 0 || has_data(span, input) {
        Figure::Count(n)
    } else {
        Figure::NoData
    }
}

pub fn build(input: &ReportInput) -> Report {
    let plan = input.pack.and_then(|p| p.plan.as_ref());
    let mut method = vec![words::text(
        "report.method_source",
        &[
            ("made_on", &danish::date(input.made_on)),
            ("cut_off", &danish::date(input.cut_off)),
        ],
    )];
    let mut targets = Vec::new();
    if let Some(plan) = plan {
        let in_plan = |year: i32| (plan.first_year..=plan.last_year).contains(&year);
        for target in plan.targets.iter().filter(|t| t.applies_in(input.year)) {
            let this_year = in_plan(input.year)
                .then(|| Span::year(input.year))
                .flatten();
            let before = input.year - 1;
            let last_year = (in_plan(before) && target.applies_in(before))
                .then(|| Span::year(before))
                .flatten();
            let figure = figure_in(target, this_year, input);
            let quarters = [1, 2, 3, 4]
                .map(|q| figure_in(target, this_year.and(Span::quarter(input.year, q)), input));
            let share_percent = match (figure, target.yearly) {
                (Figure::Count(n), t) if t > 0 => Some(n as f64 * 100.0 / t as f64),
                _ => None,
            };
            targets.push(TargetLine {
                id: target.id.clone(),
                track: plan
                    .tracks
                    .iter()
                    .find(|t| t.id == target.track)
                    .map_or_else(|| target.track.clone(), |t| t.title.clone()),
                description: target.description.clone(),
                unit: words::target_unit(target.unit),
                target: target.yearly.max(0) as u64,
                figure,
                share_percent,
                previous_year: figure_in(target, last_year, input),
                quarters,
                counting: words::counting(&target.counts),
            });
        }
        if plan.targets.iter().any(|t| !t.applies_in(input.year)) {
            let year = input.year.to_string();
            method.push(words::text(
                "report.method_targets_elsewhere",
                &[("year", &year)],
            ));
        }
    } else {
        method.push(words::text("report.no_plan", &[]));
    }
    method.push(words::text("report.method_small", &[]));
    method.push(words::text("report.method_marks", &[]));
    method.push(words::text("report.method_gaps", &[]));

    Report {
        title: words::text("report.title", &[("year", &input.year.to_string())]),
        plan: plan.map(|p| PlanHeading {
            name: p.name.clone(),
            owner: p.owner.clone(),
            period: words::text(
                "report.period",
                &[
                    ("first", &p.first_year.to_string()),
                    ("last", &p.last_year.to_string()),
                ],
            ),
        }),
        year: input.year,
        made_on: danish::date(input.made_on),
        cut_off: danish::date(input.cut_off),
        targets,
        concern_tables: concern_tables(input),
        stale_units: stale_units(input),
        method,
    }
}

/// The units a table counts, in order: every unit with a concern in the
/// year or a computer that has synced since the year began; and, apart, the
/// units none of whose computers has synced since then ("ingen data": a row
/// of zeros would claim they had no concerns).
fn units(input: &ReportInput, year: Option<Span>) -> (Vec<String>, Vec<String>) {
    let began = year.map(|y| y.from);
    let mut counted: BTreeSet<String> = input
        .concerns
        .iter()
        .filter(|c| year.is_some_and(|y| y.holds(c.observed_on)))
        .map(|c| c.unit.clone())
        .collect();
    counted.extend(
        input
            .devices
            .iter()
            .filter(|d| {
                d.last_sync_at
                    .is_some_and(|at| began.is_some_and(|b| at.date_naive() >= b))
            })
            .map(|d| d.unit.clone()),
    );
    let silent: BTreeSet<String> = input
        .devices
        .iter()
        .map(|d| d.unit.clone())
        .filter(|u| !counted.contains(u))
        .collect();
    (counted.into_iter().collect(), silent.into_iter().collect())
}

fn stale_units(input: &ReportInput) -> Vec<StaleUnit> {
    let mut newest: BTreeMap<&str, Option<NaiveDate>> = BTreeMap::new();
    for d in input.devices {
        let entry = newest.entry(d.unit.as_str()).or_default();
        let at = d.last_sync_at.map(|t| t.date_naive());
        *entry = (*entry).max(at);
    }
    newest
        .into_iter()
        .filter(|(_, at)| at.is_none_or(|at| at < input.cut_off))
        .map(|(unit, at)| StaleUnit {
            unit: unit.to_string(),
            last_sync: at.map(danish::date),
        })
        .collect()
}

/// One table: each concern of the year adds 1 to the columns `columns_of` names.
fn table(
    input: &ReportInput,
    id: &str,
    title_key: &str,
    columns: &[(String, String)],
    marks: bool,
    columns_of: &dyn Fn(&StoredConcern) -> Vec<String>,
) -> ConcernTable {
    let year = Span::year(input.year).map(|y| Span {
        from: y.from,
        to: y.to.min(input.cut_off),
    });
    let (units, no_data) = units(input, year);
    let mut cells = vec![vec![0u64; columns.len()]; units.len()];
    for c in input.concerns {
        if !year.is_some_and(|y| y.holds(c.observed_on)) {
            continue;
        }
        let Ok(row) = units.binary_search(&c.unit) else {
            continue;
        };
        for key in columns_of(c) {
            if let Some(col) = columns.iter().position(|(k, _)| *k == key) {
                cells[row][col] += 1;
            }
        }
    }
    ConcernTable {
        id: id.to_string(),
        title: words::text(title_key, &[]),
        columns: columns.iter().map(|(_, label)| label.clone()).collect(),
        rows: units,
        no_data,
        marks,
        table: protect(columns.len(), &cells),
    }
}

fn concern_tables(input: &ReportInput) -> Vec<ConcernTable> {
    let groups: Vec<(String, String)> = [TargetGroup::BarnUng, TargetGroup::Voksen]
        .iter()
        .map(|g| (serde_name(g), words::target_group(*g)))
        .collect();
    let ages: Vec<(String, String)> = AgeBand::ALL
        .iter()
        .map(|a| (serde_name(a), words::age_band(*a)))
        .collect();
    let severities: Vec<(String, String)> = [
        Severity::Lav,
        Severity::Middel,
        Severity::Hoej,
        Severity::Akut,
    ]
    .iter()
    .map(|s| (serde_name(s), words::severity(*s)))
    .collect();
    let pack = input.pack;
    let categories: Vec<(String, String)> = pack
        .map(|p| {
            p.meta
                .categories
                .iter()
                .map(|c| (c.id.clone(), c.title.clone()))
                .collect()
        })
        .unwrap_or_default();
    let category_of = |sign: &str| -> Option<String> {
        pack.and_then(|p| p.signs.iter().find(|s| s.id == sign))
            .map(|s| s.category.clone())
    };
    let used: BTreeSet<&str> = input
        .concerns
        .iter()
        .flat_map(|c| c.contacted.iter().map(String::as_str))
        .collect();
    let contacts: Vec<(String, String)> = match pack {
        Some(p) => {
            let mut known: Vec<(String, String)> = p
                .contacts
                .iter()
                .filter(|c| used.contains(c.id.as_str()))
                .map(|c| (c.id.clone(), c.organisation.clone()))
                .collect();
            known.extend(
                used.iter()
                    .filter(|id| p.contact(id).is_none())
                    .map(|id| (id.to_string(), id.to_string())),
            );
            known
        }
        None => used
            .iter()
            .map(|id| (id.to_string(), id.to_string()))
            .collect(),
    };
    let underretning = [
        (
            "ja".to_string(),
            words::text("report.underretning_sent", &[]),
        ),
        (
            "nej".to_string(),
            words::text("report.underretning_not_sent", &[]),
        ),
    ];
    vec![
        table(
            input,
            "target_group",
            "report.table_target_group",
            &groups,
            false,
            &|c| vec![serde_name(&c.target_group)],
        ),
        table(
            input,
            "age_band",
            "report.table_age_band",
            &ages,
            false,
            &|c| vec![serde_name(&c.age_band)],
        ),
        table(
            input,
            "severity",
            "report.table_severity",
            &severities,
            false,
            &|c| vec![serde_name(&c.severity)],
        ),
        table(
            input,
            "sign_category",
            "report.table_sign_category",
            &categories,
            true,
            &|c| {
                let found: BTreeSet<String> =
                    c.signs.iter().filter_map(|s| category_of(s)).collect();
                found.into_iter().collect()
            },
        ),
        table(
            input,
            "underretning",
            "report.table_underretning",
            &underretning,
            false,
            &|c| vec![if c.underretning_sent { "ja" } else { "nej" }.to_string()],
        ),
        table(
            input,
            "contacts",
            "report.table_contacts",
            &contacts,
            true,
            &|c| c.contacted.clone(),
        ),
    ]
}
