//! What a concern may hold. Drafts are checked for what is there; a registered
//! concern must also be complete.

use super::model::{ConcernCheck, ConcernData};
use crate::error::FieldError;
use beredskab_core::locale::{text, text_with};
use beredskab_core::model::{Pack, TargetGroup};
use chrono::NaiveDate;

pub const MAX_NOTE_CHARS: usize = 4000;
pub const MAX_UNIT_CHARS: usize = 120;
pub const MAX_CASE_REF_CHARS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Draft,
    Register,
}

/// Ten digits, optionally `DDMMYY-XXXX`, with a plausible day and month.
pub fn looks_like_cpr(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    for start in 0..chars.len() {
        if start > 0 && digit(start - 1) || !(0..6).all(|k| digit(start + k)) {
            continue;
        }
        let sep = usize::from(chars.get(start + 6).is_some_and(|c| *c == '-' || *c == ' '));
        let tail = start + 6 + sep;
        if (0..4).all(|k| digit(tail + k)) && !digit(tail + 4) {
            let num = |a: usize| {
                chars[a].to_digit(10).unwrap_or(0) * 10 + chars[a + 1].to_digit(10).unwrap_or(0)
            };
            let (day, month) = (num(start), num(start + 2));
            if (1..=31).contains(&day) && (1..=12).contains(&month) {
                return true;
            }
        }
    }
    false
}

fn bad_chars(text: &str, allow_newlines: bool) -> bool {
    text.chars()
        .any(|c| c.is_control() && !(allow_newlines && (c == '\n' || c == '\t' || c == '\r')))
}

pub fn check(data: &ConcernData, pack: &Pack, today: NaiveDate, mode: Mode) -> ConcernCheck {
    let mut problems = Vec::new();
    let mut push = |field: &str, key: &str, args: &[(&str, &str)]| {
        problems.push(FieldError {
            field: field.to_string(),
            message: text_with(key, args),
        });
    };
    for (field, date) in [
        ("observed_on", data.observed_on),
        ("actions.underretning_date", data.actions.underretning_date),
    ] {
        if date.is_some_and(|d| d > today) {
            push(field, "concern_errors.future_date", &[]);
        }
    }
    if let (Some(observed), Some(follow)) = (data.observed_on, data.follow_up) {
        if follow < observed {
            push("follow_up", "concern_errors.follow_up_before_observed", &[]);
        }
    }
    for (i, id) in data.signs.iter().enumerate() {
        if !pack.signs.iter().any(|s| &s.id == id) {
            push(
                &format!("signs[{i}]"),
                "concern_errors.unknown_sign",
                &[("id", &short(id))],
            );
        }
    }
    for (i, id) in data.actions.cards_followed.iter().enumerate() {
        if pack.card(id).is_none() {
            push(
                &format!("actions.cards_followed[{i}]"),
                "concern_errors.unknown_card",
                &[("id", &short(id))],
            );
        }
    }
    for (i, id) in data.actions.contacted.iter().enumerate() {
        if pack.contact(id).is_none() {
            push(
                &format!("actions.contacted[{i}]"),
                "concern_errors.unknown_contact",
                &[("id", &short(id))],
            );
        }
    }
    let max = MAX_NOTE_CHARS.to_string();
    if data.note.chars().count() > MAX_NOTE_CHARS {
        push("note", "concern_errors.too_long", &[("max", &max)]);
    }
    if bad_chars(&data.note, true) {
        push("note", "concern_errors.control_chars", &[]);
    }
    let max = MAX_UNIT_CHARS.to_string();
    if data.recorder_unit.chars().count() > MAX_UNIT_CHARS {
        push("recorder_unit", "concern_errors.too_long", &[("max", &max)]);
    }
    if bad_chars(&data.recorder_unit, false) {
        push("recorder_unit", "concern_errors.control_chars", &[]);
    }
    if let Some(case_ref) = &data.case_ref {
        let max = MAX_CASE_REF_CHARS.to_string();
        if case_ref.chars().count() > MAX_CASE_REF_CHARS {
            push("case_ref", "concern_errors.too_long", &[("max", &max)]);
        }
        if bad_chars(case_ref, false) {
            push("case_ref", "concern_errors.control_chars", &[]);
        }
        if looks_like_cpr(case_ref) {
            push("case_ref", "concern_errors.cpr_in_case_ref", &[]);
        }
    }
    if let (Some(TargetGroup::Voksen), Some(band)) = (data.target_group, data.age_band) {
        if band.is_child() {
            push("age_band", "concern_errors.age_band_mismatch", &[]);
        }
    }
    if let (Some(TargetGroup::BarnUng), Some(band)) = (data.target_group, data.age_band) {
        if !band.is_child() {
            push("age_band", "concern_errors.age_band_mismatch", &[]);
        }
    }
    if mode == Mode::Register {
        let required = [
            ("observed_on", data.observed_on.is_none()),
            ("recorder_role", data.recorder_role.is_none()),
            ("recorder_unit", data.recorder_unit.trim().is_empty()),
            ("target_group", data.target_group.is_none()),
            ("age_band", data.age_band.is_none()),
            ("severity", data.severity.is_none()),
            ("signs", data.signs.is_empty()),
        ];
        for (field, missing) in required {
            if missing {
                push(field, "concern_errors.required", &[]);
            }
        }
        if data.actions.underretning_sent && data.actions.underretning_date.is_none() {
            push("actions.underretning_date", "concern_errors.required", &[]);
        }
    }
    ConcernCheck {
        problems,
        cpr_warning: looks_like_cpr(&data.note),
    }
}

/// Ids from the UI are echoed in messages; keep them short and printable.
fn short(id: &str) -> String {
    let clean: String = id.chars().filter(|c| !c.is_control()).take(40).collect();
    if clean.is_empty() {
        text("concern_errors.empty_id")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpr_like_numbers_are_spotted() {
        for yes in [
            "cpr 010203-1234",
            "0102031234",
            "født 311299 1234 ifølge mor",
        ] {
            assert!(looks_like_cpr(yes), "{yes}");
        }
        for no in [
            "",
            "tlf 70 27 76 86",
            "12345678901",
            "sag 2024-0012",
            "991399-1234",
            "320101-1234",
        ] {
            assert!(!looks_like_cpr(no), "{no}");
        }
    }
}
