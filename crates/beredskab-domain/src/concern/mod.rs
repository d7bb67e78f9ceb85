//! Concerns: what a record holds, what it may hold, and the CPR check.

mod cpr;
mod model;
mod validate;

pub use cpr::looks_like_cpr;
pub use model::*;
pub use validate::{
    check, ConcernCheck, FieldCode, FieldProblem, Mode, MAX_CASE_REF_CHARS, MAX_NOTE_CHARS,
    MAX_UNIT_CHARS,
};
