//! The report's words, from the one source in `locales/`. The report is
//! written for a Danish committee, so its words are Danish.

use beredskab_domain::activity::ActivityType;
use beredskab_domain::concern::{AgeBand, Severity};
use beredskab_domain::content::{Role, TargetGroup};
use beredskab_domain::plan::{Counting, TargetUnit};
use beredskab_domain::serde_name::serde_name;
use beredskab_domain::Locale;

pub fn text(key: &str, args: &[(&str, &str)]) -> String {
    beredskab_i18n::text(Locale::Da, key, args)
}

pub fn target_unit(unit: TargetUnit) -> String {
    text(&format!("report.unit_{}", serde_name(&unit)), &[])
}

pub fn target_group(group: TargetGroup) -> String {
    text(&format!("ui.targets.{}", serde_name(&group)), &[])
}

pub fn severity(severity: Severity) -> String {
    text(&format!("ui.severity.{}", serde_name(&severity)), &[])
}

pub fn age_band(band: AgeBand) -> String {
    let key = match band {
        AgeBand::A0to5 => "a0_5",
        AgeBand::A6to12 => "a6_12",
        AgeBand::A13to17 => "a13_17",
        AgeBand::A18to24 => "a18_24",
        AgeBand::A25to39 => "a25_39",
        AgeBand::A40to64 => "a40_64",
        AgeBand::A65plus => "a65",
    };
    text(&format!("ui.age_band.{key}"), &[])
}

/// The heading of a table's totals: marks where a concern can count twice.
pub fn total_label(marks: bool) -> String {
    let key = if marks {
        "report.col_total_marks"
    } else {
        "report.col_total"
    };
    text(key, &[])
}

/// A unit's newest sync as printed, or "aldrig".
pub fn last_sync(at: &Option<String>) -> String {
    at.clone()
        .unwrap_or_else(|| text("report.never_synced", &[]))
}

fn role(role: Role) -> String {
    text(&format!("ui.roles.{}", serde_name(&role)), &[])
}

fn activity(activity: ActivityType) -> String {
    text(&format!("report.activity_{}", serde_name(&activity)), &[])
}

/// A counting rule in words, printed beside its target and in the method.
pub fn counting(counts: &Counting) -> String {
    match counts {
        Counting::Activities {
            activity: a,
            measure,
        } => text(
            &format!("report.measure_{}", serde_name(measure)),
            &[("activity", &activity(*a))],
        ),
        Counting::Concerns { role: r, stage } => text(
            &format!("report.counts_{}", serde_name(stage)),
            &[("role", &role(*r))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_the_report_uses_has_danish_words() {
        for band in AgeBand::ALL {
            assert!(!age_band(band).starts_with("ui."), "{band:?}");
        }
        for unit in [
            TargetUnit::Elever,
            TargetUnit::Fagpersoner,
            TargetUnit::Henvendelser,
            TargetUnit::Borgersager,
            TargetUnit::Kurser,
            TargetUnit::Moeder,
            TargetUnit::Skoler,
            TargetUnit::Deltagere,
        ] {
            assert!(!target_unit(unit).starts_with("report."), "{unit:?}");
        }
        for a in ActivityType::ALL {
            assert!(!activity(a).starts_with("report."), "{a:?}");
        }
        assert_eq!(target_unit(TargetUnit::Moeder), "møder");
        assert_eq!(severity(Severity::Hoej), "Høj");
    }
}
