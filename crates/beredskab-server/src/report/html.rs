//! The report as one self-contained web page: the tables, the charts as
//! inline SVG, no script and nothing fetched from elsewhere.

use crate::report::charts;
use crate::report::csv::target_values;
use crate::report::model::{ConcernTable, Figure, Report};
use crate::report::words::{last_sync, text, total_label};
use html_escape::encode_text as esc;
use std::fmt::Write;

const STYLE: &str = "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}\
table{border-collapse:collapse;margin:0.5rem 0 1.5rem;font-size:0.9rem}\
th,td{border:1px solid #bbb;padding:0.25rem 0.5rem;text-align:left}\
td.n{text-align:right;font-variant-numeric:tabular-nums}\
caption{text-align:left;font-weight:bold;padding:0.3rem 0}\
.note{color:#444;font-size:0.9rem}svg{max-width:100%;height:auto}";

pub fn render(report: &Report) -> String {
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>",
        esc(&report.title),
        esc(&report.title)
    );
    if let Some(plan) = &report.plan {
        let _ = writeln!(
            h,
            "<p>{} ({}), {}</p>",
            esc(&plan.name),
            esc(&plan.period),
            esc(&plan.owner)
        );
    }
    let _ = writeln!(
        h,
        "<p class=\"note\">Lavet {}. Data til og med {}.</p>",
        esc(&report.made_on),
        esc(&report.cut_off)
    );
    if !report.targets.is_empty() {
        let _ = write!(
            h,
            "<h2>{}</h2>\n<table>\n<tr>",
            esc(&text("report.targets_heading", &[]))
        );
        let columns = target_values(&report.targets[0]);
        // The quarters have their own table.
        for (heading, _) in columns.iter().take(7) {
            let _ = write!(h, "<th scope=\"col\">{}</th>", esc(heading));
        }
        h.push_str("</tr>\n");
        for t in &report.targets {
            h.push_str("<tr>");
            for (i, (_, value)) in target_values(t).iter().take(7).enumerate() {
                let class = if i >= 3 { " class=\"n\"" } else { "" };
                let _ = write!(h, "<td{class}>{}</td>", esc(value));
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</table>\n");
        h.push_str(&charts::shares(&report.targets));
        let _ = write!(
            h,
            "<h2>{}</h2>\n<table>\n<tr>",
            esc(&text("report.quarters_heading", &[]))
        );
        let _ = write!(
            h,
            "<th scope=\"col\">{}</th>",
            esc(&text("report.col_target", &[]))
        );
        for (heading, _) in columns.iter().skip(7) {
            let _ = write!(h, "<th scope=\"col\">{}</th>", esc(heading));
        }
        h.push_str("</tr>\n");
        for t in &report.targets {
            let _ = write!(h, "<tr><td>{}</td>", esc(&t.description));
            for (_, value) in target_values(t).iter().skip(7) {
                let _ = write!(h, "<td class=\"n\">{}</td>", esc(value));
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</table>\n");
        h.push_str(&charts::quarters(&report.targets));
    }
    let _ = writeln!(h, "<h2>{}</h2>", esc(&text("report.concerns_heading", &[])));
    let _ = writeln!(
        h,
        "<p class=\"note\">{}</p>",
        esc(&text("report.legend", &[]))
    );
    for table in &report.concern_tables {
        concern_table(&mut h, table);
    }
    let _ = writeln!(h, "<h2>{}</h2>", esc(&text("report.stale_heading", &[])));
    if report.stale_units.is_empty() {
        h.push_str("<p>–</p>\n");
    } else {
        let _ = writeln!(
            h,
            "<table><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>",
            esc(&text("report.col_unit", &[])),
            esc(&text("report.col_last_sync", &[]))
        );
        for u in &report.stale_units {
            let last = last_sync(&u.last_sync);
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td></tr>",
                esc(&u.unit),
                esc(&last)
            );
        }
        h.push_str("</table>\n");
    }
    let _ = writeln!(h, "<h2>{}</h2>", esc(&text("report.method_heading", &[])));
    for line in &report.method {
        let _ = writeln!(h, "<p>{}</p>", esc(line));
    }
    h.push_str("<ul>\n");
    for t in &report.targets {
        let _ = writeln!(
            h,
            "<li><b>{}</b>: {}</li>",
            esc(&t.description),
            esc(&t.counting)
        );
    }
    h.push_str("</ul>\n</body></html>\n");
    h
}

fn concern_table(h: &mut String, table: &ConcernTable) {
    let total = total_label(table.marks);
    let _ = write!(
        h,
        "<table data-table=\"{}\"><caption>{}</caption>\n<tr><th scope=\"col\">{}</th>",
        esc(&table.id),
        esc(&table.title),
        esc(&text("report.col_unit", &[]))
    );
    for c in &table.columns {
        let _ = write!(h, "<th scope=\"col\">{}</th>", esc(c));
    }
    let _ = writeln!(h, "<th scope=\"col\">{}</th></tr>", esc(&total));
    if table.table.withheld {
        let _ = writeln!(
            h,
            "<tr><td colspan=\"{}\">{}</td></tr></table>",
            table.columns.len() + 2,
            esc(&text("report.withheld", &[]))
        );
        return;
    }
    for (i, unit) in table.rows.iter().enumerate() {
        let _ = write!(h, "<tr><th scope=\"row\">{}</th>", esc(unit));
        for c in &table.table.cells[i] {
            let _ = write!(h, "<td class=\"n\">{}</td>", esc(&c.text()));
        }
        let _ = writeln!(
            h,
            "<td class=\"n\">{}</td></tr>",
            esc(&table.table.row_totals[i].text())
        );
    }
    for unit in &table.no_data {
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{}</th><td colspan=\"{}\">{}</td></tr>",
            esc(unit),
            table.columns.len() + 1,
            esc(&Figure::NoData.text())
        );
    }
    let _ = write!(h, "<tr><th scope=\"row\">{}</th>", esc(&total));
    for c in &table.table.column_totals {
        let _ = write!(h, "<td class=\"n\">{}</td>", esc(&c.text()));
    }
    let _ = writeln!(
        h,
        "<td class=\"n\">{}</td></tr>\n</table>",
        esc(&table.table.total.text())
    );
}
