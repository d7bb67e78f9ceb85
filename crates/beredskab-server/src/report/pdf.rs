//! The report as an A4 PDF, drawn offline with krilla: DejaVu Sans embedded
//! (subset), the charts' SVG drawn as vectors through krilla-svg.

use crate::report::charts;
use crate::report::csv::target_values;
use crate::report::fonts;
use crate::report::layout::{Align, Layout, Op, MARGIN, PAGE_H, PAGE_W, WIDTH};
use crate::report::model::{Figure, Report};
use crate::report::words::{last_sync, text, total_label};
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the bundled font could not be read")]
    Font,
    #[error("a chart could not be read as SVG: {0}")]
    Chart(String),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

pub fn render(report: &Report) -> Result<Vec<u8>, PdfError> {
    let layout = place(report).ok_or(PdfError::Font)?;
    draw(report, layout)
}

fn place(report: &Report) -> Option<Layout> {
    let mut l = Layout::new()?;
    l.paragraph(&report.title, 16.0, true);
    if let Some(plan) = &report.plan {
        l.paragraph(
            &format!("{} ({}), {}", plan.name, plan.period, plan.owner),
            9.5,
            false,
        );
    }
    l.paragraph(
        &format!(
            "Lavet {}. Data til og med {}.",
            report.made_on, report.cut_off
        ),
        9.5,
        false,
    );
    if !report.targets.is_empty() {
        l.gap(6.0);
        l.paragraph(&text("report.targets_heading", &[]), 12.5, true);
        let heading: Vec<String> = [
            "report.col_track",
            "report.col_target",
            "report.col_target",
            "report.col_figure",
            "report.col_share",
            "report.col_previous",
        ]
        .iter()
        .enumerate()
        .map(|(i, k)| {
            if i == 1 {
                "Beskrivelse".into()
            } else {
                text(k, &[])
            }
        })
        .collect();
        let rows: Vec<Vec<String>> = report
            .targets
            .iter()
            .map(|t| {
                let v = target_values(t);
                vec![
                    v[0].1.clone(),
                    format!("{} ({})", v[1].1, v[2].1),
                    v[3].1.clone(),
                    v[4].1.clone(),
                    v[5].1.clone(),
                    v[6].1.clone(),
                ]
            })
            .collect();
        let widths = [70.0, 185.0, 50.0, 55.0, 65.0, 70.0];
        let align = [
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
        ];
        l.table(&widths, &align, &heading, &rows, 8.5);
        let svg = charts::shares(&report.targets);
        let (w, h) = svg_size(&svg);
        l.svg(svg, w, h);

        l.paragraph(&text("report.quarters_heading", &[]), 12.5, true);
        let mut heading = vec![text("report.col_target", &[])];
        heading.extend(
            target_values(&report.targets[0])
                .into_iter()
                .skip(7)
                .map(|(h, _)| h),
        );
        let rows: Vec<Vec<String>> = report
            .targets
            .iter()
            .map(|t| {
                let mut row = vec![t.description.clone()];
                row.extend(target_values(t).into_iter().skip(7).map(|(_, v)| v));
                row
            })
            .collect();
        let widths = [215.0, 70.0, 70.0, 70.0, 70.0];
        let align = [
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
        ];
        l.table(&widths, &align, &heading, &rows, 8.5);
        let svg = charts::quarters(&report.targets);
        let (w, h) = svg_size(&svg);
        l.svg(svg, w, h);
    }
    l.paragraph(&text("report.concerns_heading", &[]), 12.5, true);
    l.paragraph(&text("report.legend", &[]), 8.5, false);
    for table in &report.concern_tables {
        l.paragraph(&table.title, 10.5, true);
        if table.table.withheld {
            l.paragraph(&text("report.withheld", &[]), 9.0, false);
            continue;
        }
        let total = total_label(table.marks);
        // Wide tables are printed in blocks of columns, the unit repeated.
        const PER_BLOCK: usize = 6;
        let blocks: Vec<Vec<usize>> = (0..table.columns.len())
            .collect::<Vec<_>>()
            .chunks(PER_BLOCK)
            .map(<[usize]>::to_vec)
            .collect();
        for (b, block) in blocks.iter().enumerate() {
            let last = b + 1 == blocks.len();
            let mut heading = vec![text("report.col_unit", &[])];
            heading.extend(block.iter().map(|&j| table.columns[j].clone()));
            if last {
                heading.push(total.clone());
            }
            let mut rows: Vec<Vec<String>> = table
                .rows
                .iter()
                .enumerate()
                .map(|(i, unit)| {
                    let mut row = vec![unit.clone()];
                    row.extend(block.iter().map(|&j| table.table.cells[i][j].text()));
                    if last {
                        row.push(table.table.row_totals[i].text());
                    }
                    row
                })
                .collect();
            for unit in &table.no_data {
                let mut row = vec![unit.clone()];
                row.extend(std::iter::repeat_n(
                    Figure::NoData.text(),
                    heading.len() - 1,
                ));
                rows.push(row);
            }
            let mut sums = vec![total.clone()];
            sums.extend(block.iter().map(|&j| table.table.column_totals[j].text()));
            if last {
                sums.push(table.table.total.text());
            }
            rows.push(sums);
            let n = heading.len() - 1;
            let unit_w = 130.0;
            let mut widths = vec![unit_w];
            widths.extend(std::iter::repeat_n((WIDTH - unit_w) / n as f32, n));
            let mut align = vec![Align::Left];
            align.extend(std::iter::repeat_n(Align::Right, n));
            l.table(&widths, &align, &heading, &rows, 7.5);
        }
    }
    l.paragraph(&text("report.stale_heading", &[]), 12.5, true);
    if report.stale_units.is_empty() {
        l.paragraph("–", 9.0, false);
    } else {
        let heading = vec![
            text("report.col_unit", &[]),
            text("report.col_last_sync", &[]),
        ];
        let rows: Vec<Vec<String>> = report
            .stale_units
            .iter()
            .map(|u| vec![u.unit.clone(), last_sync(&u.last_sync)])
            .collect();
        l.table(
            &[250.0, 150.0],
            &[Align::Left, Align::Left],
            &heading,
            &rows,
            8.5,
        );
    }
    l.paragraph(&text("report.method_heading", &[]), 12.5, true);
    for line in &report.method {
        l.paragraph(line, 9.0, false);
    }
    for t in &report.targets {
        l.paragraph(&format!("{}: {}", t.description, t.counting), 9.0, false);
    }
    Some(l)
}

/// The pixel size plotters wrote into the SVG's root element.
fn svg_size(svg: &str) -> (f32, f32) {
    let attr = |name: &str| -> Option<f32> {
        let start = svg.find(&format!("{name}=\""))? + name.len() + 2;
        let end = svg[start..].find('"')? + start;
        svg[start..end].trim_end_matches("px").parse().ok()
    };
    (
        attr("width").unwrap_or(720.0),
        attr("height").unwrap_or(200.0),
    )
}

fn draw(report: &Report, layout: Layout) -> Result<Vec<u8>, PdfError> {
    let regular = Font::new(fonts::REGULAR.into(), 0).ok_or(PdfError::Font)?;
    let bold = Font::new(fonts::BOLD.into(), 0).ok_or(PdfError::Font)?;
    let mut fontdb = usvg::fontdb::Database::new();
    fontdb.load_font_data(fonts::REGULAR.to_vec());
    fontdb.load_font_data(fonts::BOLD.to_vec());
    fontdb.set_sans_serif_family(fonts::FAMILY);
    let options = usvg::Options {
        font_family: fonts::FAMILY.to_string(),
        fontdb: Arc::new(fontdb),
        ..usvg::Options::default()
    };
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(report.title.clone())
            .language("da".into())
            .creator("Beredskab".into()),
    );
    let a4 = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(PdfError::Write("page size".into()))?;
    let pages = layout.pages.len();
    for (n, ops) in layout.pages.into_iter().enumerate() {
        let mut page = doc.start_page_with(a4.clone());
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: b,
                    text,
                } => {
                    let font = if b { bold.clone() } else { regular.clone() };
                    surface.draw_text(
                        Point::from_xy(x, y),
                        font,
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Line { x1, y1, x2, y2 } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(x1, y1);
                    pb.line_to(x2, y2);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            width: 0.4,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                        surface.set_fill(Some(Default::default()));
                    }
                }
                Op::Svg { x, y, w, svg } => {
                    let tree = usvg::Tree::from_str(&svg, &options)
                        .map_err(|e| PdfError::Chart(e.to_string()))?;
                    let scale = w / tree.size().width();
                    let h = tree.size().height() * scale;
                    let size = Size::from_wh(w, h).ok_or(PdfError::Chart("size".into()))?;
                    surface.push_transform(&Transform::from_translate(x, y));
                    surface.draw_svg(&tree, size, SvgSettings::default());
                    surface.pop();
                }
            }
        }
        let footer = format!("Side {} af {}", n + 1, pages);
        surface.draw_text(
            Point::from_xy(MARGIN, PAGE_H - MARGIN / 2.0),
            regular.clone(),
            8.0,
            &footer,
            false,
            TextDirection::Auto,
        );
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}
