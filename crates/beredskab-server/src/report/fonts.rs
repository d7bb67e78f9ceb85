//! The report's one typeface, DejaVu Sans (fonts/README.md), built into the
//! binary so a PDF and its charts look the same on every machine.

pub const REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
pub const BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");
pub const FAMILY: &str = "DejaVu Sans";
