//! Concerns: what a record holds, what it may hold, and the CPR check.

mod cpr;
mod model;
mod validate;

pub use cpr::{cpr_spans, looks_like_cpr, redact_cpr};
pub use model::*;
pub use validate::{
    check, cpr_fields, ConcernCheck, FieldCode, FieldProblem, Mode, MAX_CASE_REF_CHARS,
    MAX_LIST_ITEMS, MAX_NOTE_CHARS, MAX_UNIT_CHARS,
};
