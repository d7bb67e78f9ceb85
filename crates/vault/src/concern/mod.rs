//! Concern records: minimal and pseudonymous by design. There is no CPR field;
//! a note that looks like it holds a CPR number is flagged before saving.

mod model;
mod repo;
mod validate;

pub use model::*;
pub use validate::{
    check, looks_like_cpr, Mode, MAX_CASE_REF_CHARS, MAX_NOTE_CHARS, MAX_UNIT_CHARS,
};
