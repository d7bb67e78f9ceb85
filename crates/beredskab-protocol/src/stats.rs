//! Counts on the server for the administration: per period, target group,
//! age band, severity, unit and action. The base of the yearly report.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Year,
    Quarter,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
pub struct StatsQuery {
    pub period: Period,
    /// Only this year, if given.
    pub year: Option<i32>,
}

/// One count: how many current (not deleted) concerns, observed in `period`,
/// have `value` for `dimension`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatsRow {
    /// "2026" or "2026-Q3".
    pub period: String,
    /// `total`, `target_group`, `age_band`, `severity`, `unit`, `recorder_role`,
    /// `underretning_sent`, `contacted`, `card_followed`, `case_stage`.
    pub dimension: String,
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatsReport {
    pub rows: Vec<StatsRow>,
}

impl StatsReport {
    /// The rows as CSV with a header, quoted where needed (RFC 4180).
    pub fn to_csv(&self) -> String {
        let mut out = String::from("period,dimension,value,count\r\n");
        for row in &self.rows {
            out.push_str(&format!(
                "{},{},{},{}\r\n",
                csv_field(&row.period),
                csv_field(&row.dimension),
                csv_field(&row.value),
                row.count
            ));
        }
        out
    }
}

fn csv_field(text: &str) -> String {
    // A leading = + - @ would be a formula in a spreadsheet: quoted and prefixed.
    let guarded = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\r', '\n']) || guarded != text {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_quotes_and_formulas() {
        let report = StatsReport {
            rows: vec![
                StatsRow {
                    period: "2026".into(),
                    dimension: "unit".into(),
                    value: "Skole \"Nord\", 8.b".into(),
                    count: 3,
                },
                StatsRow {
                    period: "2026".into(),
                    dimension: "unit".into(),
                    value: "=HYPERLINK(1)".into(),
                    count: 1,
                },
            ],
        };
        let csv = report.to_csv();
        assert!(csv.contains("\"Skole \"\"Nord\"\", 8.b\",3"), "{csv}");
        assert!(csv.contains("\"'=HYPERLINK(1)\",1"), "{csv}");
    }
}
