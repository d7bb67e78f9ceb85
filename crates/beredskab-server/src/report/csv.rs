//! The report as one CSV file in long form (section; row; column; value),
//! semicolon-separated as Danish spreadsheets expect, with Danish numbers.

use crate::report::danish;
use crate::report::model::{Figure, Report, TargetLine};
use crate::report::words::{last_sync, text, total_label};

/// A leading = + - @ would be a formula in a spreadsheet: prefixed with '.
fn guarded(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

pub fn render(report: &Report) -> String {
    let mut out = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut put = |section: &str, row: &str, column: &str, value: &str| {
        // Writing to a Vec cannot fail.
        let _ = out.write_record([section, &guarded(row), &guarded(column), &guarded(value)]);
    };
    put("sektion", "række", "kolonne", "værdi");
    let targets = "mål";
    for t in &report.targets {
        for (column, value) in target_values(t) {
            put(targets, &t.id, &column, &value);
        }
    }
    for table in &report.concern_tables {
        let section = format!("bekymringer: {}", table.title);
        let total = total_label(table.marks);
        for (i, unit) in table.rows.iter().enumerate() {
            for (j, column) in table.columns.iter().enumerate() {
                put(&section, unit, column, &table.table.cells[i][j].text());
            }
            put(&section, unit, &total, &table.table.row_totals[i].text());
        }
        for unit in &table.no_data {
            put(&section, unit, "alle", &Figure::NoData.text());
        }
        for (j, column) in table.columns.iter().enumerate() {
            put(
                &section,
                &total,
                column,
                &table.table.column_totals[j].text(),
            );
        }
        put(&section, &total, &total, &table.table.total.text());
    }
    for unit in &report.stale_units {
        let last = last_sync(&unit.last_sync);
        put(
            "ikke synkroniseret",
            &unit.unit,
            "seneste synkronisering",
            &last,
        );
    }
    for (i, line) in report.method.iter().enumerate() {
        put("metode", &(i + 1).to_string(), "tekst", line);
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A target's columns with their Danish headings and values.
pub fn target_values(t: &TargetLine) -> Vec<(String, String)> {
    let mut v = vec![
        (text("report.col_track", &[]), t.track.clone()),
        ("beskrivelse".to_string(), t.description.clone()),
        ("enhed".to_string(), t.unit.clone()),
        (text("report.col_target", &[]), danish::number(t.target)),
        (text("report.col_figure", &[]), t.figure.text()),
        (
            text("report.col_share", &[]),
            t.figure
                .count()
                .map_or_else(|| "–".into(), |n| danish::percent(n, t.target)),
        ),
        (text("report.col_previous", &[]), t.previous_year.text()),
    ];
    for (q, figure) in t.quarters.iter().enumerate() {
        v.push((danish::quarter(q as u32 + 1), figure.text()));
    }
    v
}
