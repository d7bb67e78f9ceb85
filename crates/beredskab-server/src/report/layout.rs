//! Placing the report on A4 pages: text wrapped by the font's own advance
//! widths, tables that repeat their heading on a new page, charts as SVG.
//! The result is a list of drawing operations per page; `pdf.rs` draws them.

use crate::report::fonts;
use ab_glyph::{Font, FontRef};

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN: f32 = 50.0;
pub const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;

#[derive(Debug, Clone)]
pub enum Op {
    Text {
        x: f32,
        /// The baseline.
        y: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    Svg {
        x: f32,
        y: f32,
        w: f32,
        svg: String,
    },
}

pub struct Layout {
    pub pages: Vec<Vec<Op>>,
    y: f32,
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

/// How a table column lines up its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

impl Layout {
    pub fn new() -> Option<Layout> {
        Some(Layout {
            pages: vec![Vec::new()],
            y: MARGIN,
            regular: FontRef::try_from_slice(fonts::REGULAR).ok()?,
            bold: FontRef::try_from_slice(fonts::BOLD).ok()?,
        })
    }

    pub fn text_width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let font = if bold { &self.bold } else { &self.regular };
        let per_unit = size / font.units_per_em().unwrap_or(2048.0);
        text.chars()
            .map(|c| font.h_advance_unscaled(font.glyph_id(c)) * per_unit)
            .sum()
    }

    /// Greedy wrapping at spaces; a word longer than the width stands alone.
    pub fn wrap(&self, text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.text_width(&candidate, size, bold) > width {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    fn page(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page")
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn room_for(&mut self, height: f32) {
        if self.y + height > PAGE_H - MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    pub fn gap(&mut self, height: f32) {
        self.y += height;
    }

    pub fn paragraph(&mut self, text: &str, size: f32, bold: bool) {
        let lead = size * 1.35;
        for line in self.wrap(text, WIDTH, size, bold) {
            self.room_for(lead);
            self.y += lead;
            let y = self.y - size * 0.3;
            self.page().push(Op::Text {
                x: MARGIN,
                y,
                size,
                bold,
                text: line,
            });
        }
        self.y += size * 0.5;
    }

    pub fn svg(&mut self, svg: String, pixel_w: f32, pixel_h: f32) {
        let h = pixel_h * WIDTH / pixel_w;
        self.room_for(h);
        let y = self.y;
        self.page().push(Op::Svg {
            x: MARGIN,
            y,
            w: WIDTH,
            svg,
        });
        self.y += h + 8.0;
    }

    /// A table: widths in points, a bold heading row repeated on each page.
    pub fn table(
        &mut self,
        widths: &[f32],
        align: &[Align],
        heading: &[String],
        rows: &[Vec<String>],
        size: f32,
    ) {
        let lead = size * 1.3;
        let pad = 3.0;
        let cells = |layout: &Layout, row: &[String], bold: bool| -> Vec<Vec<String>> {
            row.iter()
                .zip(widths)
                .map(|(text, w)| layout.wrap(text, w - 2.0 * pad, size, bold))
                .collect()
        };
        let heading_cells = cells(self, heading, true);
        let heading_h = lead * heading_cells.iter().map(Vec::len).max().unwrap_or(1) as f32 + pad;
        let mut first = true;
        for row in rows {
            let wrapped = cells(self, row, false);
            let h = lead * wrapped.iter().map(Vec::len).max().unwrap_or(1) as f32 + pad;
            let fresh_page = self.y + h > PAGE_H - MARGIN;
            if first || fresh_page {
                self.room_for(heading_h + h);
                self.draw_row(widths, align, &heading_cells, size, true, heading_h);
                first = false;
            }
            self.draw_row(widths, align, &wrapped, size, false, h);
        }
        self.y += 10.0;
    }

    fn draw_row(
        &mut self,
        widths: &[f32],
        align: &[Align],
        cells: &[Vec<String>],
        size: f32,
        bold: bool,
        h: f32,
    ) {
        let lead = size * 1.3;
        let pad = 3.0;
        let top = self.y;
        let mut x = MARGIN;
        let mut ops = Vec::new();
        for ((lines, w), a) in cells.iter().zip(widths).zip(align) {
            for (i, line) in lines.iter().enumerate() {
                let tw = self.text_width(line, size, bold);
                let tx = match a {
                    Align::Left => x + pad,
                    Align::Right => x + w - pad - tw,
                };
                ops.push(Op::Text {
                    x: tx,
                    y: top + lead * (i as f32 + 1.0) - size * 0.25,
                    size,
                    bold,
                    text: line.clone(),
                });
            }
            x += w;
        }
        let right = MARGIN + widths.iter().sum::<f32>();
        ops.push(Op::Line {
            x1: MARGIN,
            y1: top + h,
            x2: right,
            y2: top + h,
        });
        self.page().extend(ops);
        self.y += h;
    }
}
