//! The yearly report: the action plan's targets and the year's concerns,
//! counted from the service's own data, with small numbers protected.

pub mod danish;
pub mod suppress;
