//! Counting current concerns per period and dimension. Pure: every backend
//! hands over the same rows, so the counts mean the same everywhere.

use crate::storage::StoredConcern;
use beredskab_protocol::{Period, StatsQuery, StatsReport, StatsRow};
use beredskab_sqlite::enum_text;
use chrono::Datelike;
use std::collections::BTreeMap;

pub fn count(concerns: &[StoredConcern], query: &StatsQuery) -> StatsReport {
    let mut counts: BTreeMap<(String, &'static str, String), u64> = BTreeMap::new();
    for c in concerns {
        if query.year.is_some_and(|y| c.observed_on.year() != y) {
            continue;
        }
        let period = match query.period {
            Period::Year => c.observed_on.year().to_string(),
            Period::Quarter => format!(
                "{}-Q{}",
                c.observed_on.year(),
                c.observed_on.month0() / 3 + 1
            ),
        };
        let mut add = |dimension: &'static str, value: String| {
            *counts
                .entry((period.clone(), dimension, value))
                .or_default() += 1;
        };
        add("total", "alle".into());
        add("target_group", enum_text(&c.target_group));
        add("age_band", enum_text(&c.age_band));
        add("severity", enum_text(&c.severity));
        add("recorder_role", enum_text(&c.recorder_role));
        add("unit", c.unit.clone());
        add("case_stage", enum_text(&c.case_stage));
        if c.underretning_sent {
            add("underretning_sent", "ja".into());
        }
        for contact in &c.contacted {
            add("contacted", contact.clone());
        }
        for card in &c.cards_followed {
            add("card_followed", card.clone());
        }
    }
    StatsReport {
        rows: counts
            .into_iter()
            .map(|((period, dimension, value), count)| StatsRow {
                period,
                dimension: dimension.to_string(),
                value,
                count,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use beredskab_domain::concern::{AgeBand, Severity};
    use beredskab_domain::content::{Role, TargetGroup};
    use chrono::NaiveDate;
    use uuid::Uuid;

    fn concern(on: (i32, u32, u32), group: TargetGroup, sent: bool) -> StoredConcern {
        StoredConcern {
            concern_id: Uuid::new_v4(),
            unit: "Nord".into(),
            observed_on: NaiveDate::from_ymd_opt(on.0, on.1, on.2).expect("date"),
            recorder_role: Role::LaererPaedagog,
            target_group: group,
            age_band: AgeBand::A13to17,
            severity: Severity::Hoej,
            underretning_sent: sent,
            contacted: vec!["etnisk-konsulentteam".into()],
            cards_followed: vec![],
            case_stage: Default::default(),
            signs: vec!["pas-taget".into()],
        }
    }

    fn get(report: &StatsReport, period: &str, dimension: &str, value: &str) -> u64 {
        report
            .rows
            .iter()
            .find(|r| r.period == period && r.dimension == dimension && r.value == value)
            .map_or(0, |r| r.count)
    }

    #[test]
    fn counts_per_quarter_and_dimension_within_the_year_asked() {
        let rows = [
            concern((2026, 1, 5), TargetGroup::BarnUng, true),
            concern((2026, 2, 5), TargetGroup::Voksen, false),
            concern((2026, 11, 5), TargetGroup::BarnUng, false),
            concern((2025, 12, 31), TargetGroup::BarnUng, true),
        ];
        let by_quarter = count(
            &rows,
            &StatsQuery {
                period: Period::Quarter,
                year: Some(2026),
            },
        );
        assert_eq!(get(&by_quarter, "2026-Q1", "total", "alle"), 2);
        assert_eq!(get(&by_quarter, "2026-Q4", "total", "alle"), 1);
        assert_eq!(get(&by_quarter, "2026-Q1", "underretning_sent", "ja"), 1);
        assert_eq!(
            get(&by_quarter, "2025-Q4", "total", "alle"),
            0,
            "other years are left out"
        );
        let by_year = count(
            &rows,
            &StatsQuery {
                period: Period::Year,
                year: None,
            },
        );
        assert_eq!(get(&by_year, "2026", "target_group", "barn_ung"), 2);
        assert_eq!(
            get(&by_year, "2025", "contacted", "etnisk-konsulentteam"),
            1
        );
    }
}
