//! The yearly report: the action plan's targets and the year's concerns,
//! counted from the service's own data, with small numbers protected, as
//! JSON, CSV, xlsx, a web page and an A4 PDF.

pub mod build;
pub mod charts;
pub mod csv;
pub mod danish;
pub mod fonts;
pub mod html;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod suppress;
pub mod words;
pub mod xlsx;

pub use build::{build, ReportInput};
pub use model::Report;
