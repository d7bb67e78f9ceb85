//! The report as a real spreadsheet: one sheet per table, numbers as
//! numbers (shown the Danish way by the reader's Excel), "<5", "x" and
//! "ingen data" as text.

use crate::report::csv::target_values;
use crate::report::model::{Figure, Report};
use crate::report::suppress::Cell;
use crate::report::words::{last_sync, text, total_label};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

pub fn render(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let whole = Format::new().set_num_format("#,##0");
    let share = Format::new().set_num_format("0.0");

    let sheet = book.add_worksheet().set_name("Mål")?;
    sheet.write_string_with_format(0, 0, &report.title, &bold)?;
    let mut row = 2;
    if let Some(first) = report.targets.first() {
        let headings: Vec<String> = target_values(first).into_iter().map(|(h, _)| h).collect();
        for (col, h) in headings.iter().enumerate() {
            sheet.write_string_with_format(row, col as u16, h, &bold)?;
        }
    }
    for t in &report.targets {
        row += 1;
        sheet.write_string(row, 0, &t.track)?;
        sheet.write_string(row, 1, &t.description)?;
        sheet.write_string(row, 2, &t.unit)?;
        sheet.write_number_with_format(row, 3, t.target as f64, &whole)?;
        figure(sheet, row, 4, t.figure, &whole)?;
        match t.share_percent {
            Some(p) => sheet.write_number_with_format(row, 5, p, &share)?,
            None => sheet.write_string(row, 5, "–")?,
        };
        figure(sheet, row, 6, t.previous_year, &whole)?;
        for (q, f) in t.quarters.iter().enumerate() {
            figure(sheet, row, 7 + q as u16, *f, &whole)?;
        }
    }
    sheet.set_column_width(1, 48)?;

    for table in &report.concern_tables {
        let name: String = table.title.chars().take(31).collect();
        let sheet = book.add_worksheet().set_name(&name)?;
        sheet.write_string_with_format(0, 0, text("report.col_unit", &[]), &bold)?;
        for (j, c) in table.columns.iter().enumerate() {
            sheet.write_string_with_format(0, j as u16 + 1, c, &bold)?;
        }
        let total_col = table.columns.len() as u16 + 1;
        let total = total_label(table.marks);
        sheet.write_string_with_format(0, total_col, &total, &bold)?;
        for (i, unit) in table.rows.iter().enumerate() {
            let r = i as u32 + 1;
            sheet.write_string(r, 0, unit)?;
            for (j, c) in table.table.cells[i].iter().enumerate() {
                cell(sheet, r, j as u16 + 1, *c, &whole)?;
            }
            cell(sheet, r, total_col, table.table.row_totals[i], &whole)?;
        }
        for (k, unit) in table.no_data.iter().enumerate() {
            let r = (table.rows.len() + k) as u32 + 1;
            sheet.write_string(r, 0, unit)?;
            sheet.write_string(r, 1, Figure::NoData.text())?;
        }
        let r = (table.rows.len() + table.no_data.len()) as u32 + 1;
        sheet.write_string_with_format(r, 0, &total, &bold)?;
        for (j, c) in table.table.column_totals.iter().enumerate() {
            cell(sheet, r, j as u16 + 1, *c, &whole)?;
        }
        cell(sheet, r, total_col, table.table.total, &whole)?;
        if table.table.withheld {
            sheet.write_string(r + 2, 0, text("report.withheld", &[]))?;
        }
        sheet.set_column_width(0, 28)?;
    }

    let sheet = book.add_worksheet().set_name("Ikke synkroniseret")?;
    sheet.write_string_with_format(0, 0, text("report.col_unit", &[]), &bold)?;
    sheet.write_string_with_format(0, 1, text("report.col_last_sync", &[]), &bold)?;
    for (i, u) in report.stale_units.iter().enumerate() {
        let last = last_sync(&u.last_sync);
        sheet.write_string(i as u32 + 1, 0, &u.unit)?;
        sheet.write_string(i as u32 + 1, 1, &last)?;
    }

    let sheet = book.add_worksheet().set_name("Metode")?;
    for (i, line) in report.method.iter().enumerate() {
        sheet.write_string(i as u32, 0, line)?;
    }
    sheet.write_string(
        report.method.len() as u32 + 1,
        0,
        text("report.legend", &[]),
    )?;
    book.save_to_buffer()
}

fn figure(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    f: Figure,
    whole: &Format,
) -> Result<(), XlsxError> {
    match f {
        Figure::Count(n) => sheet.write_number_with_format(row, col, n as f64, whole)?,
        other => sheet.write_string(row, col, other.text())?,
    };
    Ok(())
}

fn cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    c: Cell,
    whole: &Format,
) -> Result<(), XlsxError> {
    match c {
        Cell::Value(n) => sheet.write_number_with_format(row, col, n as f64, whole)?,
        other => sheet.write_string(row, col, other.text())?,
    };
    Ok(())
}
