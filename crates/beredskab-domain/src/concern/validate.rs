//! What a concern may hold. Drafts are checked for what is there; a registered
//! concern must also be complete.

use super::cpr::looks_like_cpr;
use super::model::ConcernData;
use crate::content::{Pack, TargetGroup};
use crate::text::{hidden_kind, HiddenKind};
use chrono::NaiveDate;
use serde::Serialize;
use specta::Type;
use std::collections::BTreeMap;

pub const MAX_NOTE_CHARS: usize = 4000;
pub const MAX_UNIT_CHARS: usize = 120;
pub const MAX_CASE_REF_CHARS: usize = 40;

/// The result of checking a form: field problems, and whether the note looks like it holds a CPR number.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ConcernCheck {
    pub problems: Vec<FieldProblem>,
    /// Text fields that look like they hold a CPR number (a warning the user
    /// must confirm; a case reference is refused instead, as a problem).
    pub cpr_fields: Vec<String>,
}

impl ConcernCheck {
    pub fn cpr_warning(&self) -> bool {
        !self.cpr_fields.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Draft,
    Register,
}

/// What is wrong with one field; the words are chosen at the edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Type, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum FieldCode {
    FutureDate,
    FollowUpBeforeObserved,
    UnknownSign,
    UnknownCard,
    UnknownContact,
    TooLong,
    TooMany,
    ControlChars,
    FormatChars,
    CprInCaseRef,
    AgeBandMismatch,
    Required,
    AlreadyRegistered,
    OutOfRange,
    /// An activity's title looks like it holds a CPR number.
    CprInTitle,
    /// An activity's title looks like a list of people.
    NamesInTitle,
    /// An activity with no pupils, participants or organisations.
    NoCount,
}

/// A problem with one field of a form, for the form to show beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct FieldProblem {
    pub field: String,
    pub code: FieldCode,
    pub args: BTreeMap<String, String>,
}

impl FieldProblem {
    pub fn new(field: &str, code: FieldCode) -> FieldProblem {
        FieldProblem {
            field: field.to_string(),
            code,
            args: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> FieldProblem {
        self.args.insert(name.to_string(), value.to_string());
        self
    }
}

/// At most this many signs, cards or contacts on one concern: more is not a
/// person's choice but a broken or hostile client.
pub const MAX_LIST_ITEMS: usize = 100;

/// The free-text fields of a concern, with whether each may hold line breaks.
fn text_fields(data: &ConcernData) -> [(&'static str, &str, usize, bool); 3] {
    [
        ("note", data.note.as_str(), MAX_NOTE_CHARS, true),
        (
            "recorder_unit",
            data.recorder_unit.as_str(),
            MAX_UNIT_CHARS,
            false,
        ),
        (
            "case_ref",
            data.case_ref.as_deref().unwrap_or_default(),
            MAX_CASE_REF_CHARS,
            false,
        ),
    ]
}

/// The text fields that hold something that looks like a CPR number.
pub fn cpr_fields(data: &ConcernData) -> Vec<String> {
    text_fields(data)
        .into_iter()
        .filter(|(_, text, _, _)| looks_like_cpr(text))
        .map(|(field, ..)| field.to_string())
        .collect()
}

pub fn check(data: &ConcernData, pack: &Pack, today: NaiveDate, mode: Mode) -> ConcernCheck {
    let mut problems = Vec::new();
    let mut push = |field: &str, code: FieldCode, args: &[(&str, &str)]| {
        let mut problem = FieldProblem::new(field, code);
        for (name, value) in args {
            problem = problem.with(name, value);
        }
        problems.push(problem);
    };
    for (field, date) in [
        ("observed_on", data.observed_on),
        ("actions.underretning_date", data.actions.underretning_date),
    ] {
        if date.is_some_and(|d| d > today) {
            push(field, FieldCode::FutureDate, &[]);
        }
    }
    if let (Some(observed), Some(follow)) = (data.observed_on, data.follow_up) {
        if follow < observed {
            push("follow_up", FieldCode::FollowUpBeforeObserved, &[]);
        }
    }
    for (i, id) in data.signs.iter().enumerate() {
        if !pack.signs.iter().any(|s| &s.id == id) {
            push(
                &format!("signs[{i}]"),
                FieldCode::UnknownSign,
                &[("id", &short(id))],
            );
        }
    }
    for (i, id) in data.actions.cards_followed.iter().enumerate() {
        if pack.card(id).is_none() {
            push(
                &format!("actions.cards_followed[{i}]"),
                FieldCode::UnknownCard,
                &[("id", &short(id))],
            );
        }
    }
    for (i, id) in data.actions.contacted.iter().enumerate() {
        if pack.contact(id).is_none() {
            push(
                &format!("actions.contacted[{i}]"),
                FieldCode::UnknownContact,
                &[("id", &short(id))],
            );
        }
    }
    for (field, list) in [
        ("signs", data.signs.len()),
        ("actions.cards_followed", data.actions.cards_followed.len()),
        ("actions.contacted", data.actions.contacted.len()),
    ] {
        if list > MAX_LIST_ITEMS {
            push(
                field,
                FieldCode::TooMany,
                &[("max", &MAX_LIST_ITEMS.to_string())],
            );
        }
    }
    for (field, text, max, lines) in text_fields(data) {
        if text.chars().count() > max {
            push(field, FieldCode::TooLong, &[("max", &max.to_string())]);
        }
        match hidden_kind(text, lines) {
            Some(HiddenKind::Control) => push(field, FieldCode::ControlChars, &[]),
            Some(HiddenKind::Format) => push(field, FieldCode::FormatChars, &[]),
            None => {}
        }
    }
    // A case reference is a number from the municipality's case system; a CPR
    // number there is refused outright, not only warned about.
    if data.case_ref.as_deref().is_some_and(looks_like_cpr) {
        push("case_ref", FieldCode::CprInCaseRef, &[]);
    }
    if let (Some(TargetGroup::Voksen), Some(band)) = (data.target_group, data.age_band) {
        if band.is_child() {
            push("age_band", FieldCode::AgeBandMismatch, &[]);
        }
    }
    if let (Some(TargetGroup::BarnUng), Some(band)) = (data.target_group, data.age_band) {
        if !band.is_child() {
            push("age_band", FieldCode::AgeBandMismatch, &[]);
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
                push(field, FieldCode::Required, &[]);
            }
        }
        if data.actions.underretning_sent && data.actions.underretning_date.is_none() {
            push("actions.underretning_date", FieldCode::Required, &[]);
        }
    }
    let cpr_fields = cpr_fields(data)
        .into_iter()
        .filter(|f| f != "case_ref")
        .collect();
    ConcernCheck {
        problems,
        cpr_fields,
    }
}

/// Ids from the UI are echoed in messages; keep them short and printable.
fn short(id: &str) -> String {
    id.chars().filter(|c| !c.is_control()).take(40).collect()
}
