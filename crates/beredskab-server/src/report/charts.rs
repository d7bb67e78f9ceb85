//! The report's charts, drawn as SVG with plotters: one bar per target for
//! the share of the year's target reached, and the quarters beside each
//! other. The same SVG goes into the web page and the PDF.

use crate::report::danish;
use crate::report::fonts;
use crate::report::model::{Figure, TargetLine};
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};
use std::sync::Once;

const WIDTH: u32 = 720;
const ROW: u32 = 34;
const LABEL_WIDTH: i32 = 300;
const QUARTER_COLOURS: [RGBColor; 4] = [
    RGBColor(0x9e, 0xc5, 0xe8),
    RGBColor(0x5b, 0x9b, 0xd5),
    RGBColor(0x2e, 0x75, 0xb6),
    RGBColor(0x1f, 0x3f, 0x6e),
];

fn fonts_registered() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bundled font is valid; if it were not, text would be left out, not the chart.
        let _ = register_font(fonts::FAMILY, FontStyle::Normal, fonts::REGULAR);
        let _ = register_font(fonts::FAMILY, FontStyle::Bold, fonts::BOLD);
    });
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Bars of the share of each target reached; "ingen data" written where no bar can be.
pub fn shares(targets: &[TargetLine]) -> String {
    fonts_registered();
    let height = 40 + ROW * targets.len().max(1) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let label = (fonts::FAMILY, 13).into_font();
        let max_share = targets
            .iter()
            .filter_map(|t| t.share_percent)
            .fold(100.0_f64, f64::max);
        let plot_width = (WIDTH as i32 - LABEL_WIDTH - 70) as f64;
        let x = |share: f64| LABEL_WIDTH + (share / max_share * plot_width) as i32;
        // The 100 % line: where the target is met.
        let _ = root.draw(&PathElement::new(
            vec![(x(100.0), 8), (x(100.0), height as i32 - 8)],
            BLACK.mix(0.5).stroke_width(1),
        ));
        let _ = root.draw(&Text::new("100 %", (x(100.0) - 18, 0), label.clone()));
        for (i, t) in targets.iter().enumerate() {
            let top = 20 + ROW as i32 * i as i32;
            let _ = root.draw(&Text::new(
                short(&t.description, 40),
                (4, top + 8),
                label.clone(),
            ));
            match (t.figure, t.share_percent) {
                (Figure::Count(_), Some(share)) => {
                    let _ = root.draw(&Rectangle::new(
                        [
                            (LABEL_WIDTH, top + 4),
                            (x(share).max(LABEL_WIDTH + 1), top + ROW as i32 - 6),
                        ],
                        QUARTER_COLOURS[2].filled(),
                    ));
                    let text = format!("{} %", danish::number(share.round() as u64));
                    let _ = root.draw(&Text::new(text, (x(share) + 6, top + 8), label.clone()));
                }
                (figure, _) => {
                    let _ = root.draw(&Text::new(
                        figure.text(),
                        (LABEL_WIDTH + 6, top + 8),
                        label.clone(),
                    ));
                }
            }
        }
        let _ = root.present();
    }
    svg
}

/// Each target's quarters as bars of a quarter's share of the yearly target
/// (a quarter with no data has no bar).
pub fn quarters(targets: &[TargetLine]) -> String {
    fonts_registered();
    let height = 60 + ROW * targets.len().max(1) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let label = (fonts::FAMILY, 13).into_font();
        let small = (fonts::FAMILY, 11).into_font();
        let shares: Vec<[Option<f64>; 4]> = targets
            .iter()
            .map(|t| {
                t.quarters.map(|q| match q {
                    Figure::Count(n) if t.target > 0 => Some(n as f64 * 100.0 / t.target as f64),
                    _ => None,
                })
            })
            .collect();
        let max_share = shares
            .iter()
            .flatten()
            .flatten()
            .fold(25.0_f64, |a, b| a.max(*b));
        let plot_width = (WIDTH as i32 - LABEL_WIDTH - 40) as f64;
        let bar = ((ROW as i32 - 8) / 4).max(2);
        for (q, colour) in QUARTER_COLOURS.iter().enumerate() {
            let left = LABEL_WIDTH + 90 * q as i32;
            let _ = root.draw(&Rectangle::new(
                [(left, 6), (left + 12, 18)],
                colour.filled(),
            ));
            let _ = root.draw(&Text::new(
                danish::quarter(q as u32 + 1),
                (left + 16, 6),
                small.clone(),
            ));
        }
        let no_bar = (LABEL_WIDTH + 370, 6);
        let _ = root.draw(&Text::new("ingen søjle: ingen data", no_bar, small.clone()));
        for (i, (t, row)) in targets.iter().zip(&shares).enumerate() {
            let top = 30 + ROW as i32 * i as i32;
            let _ = root.draw(&Text::new(
                short(&t.description, 40),
                (4, top + 8),
                label.clone(),
            ));
            for (q, share) in row.iter().enumerate() {
                let y = top + 2 + bar * q as i32;
                // No bar where there is no data; the legend says so.
                if let Some(s) = share {
                    let right = LABEL_WIDTH + (s / max_share * plot_width) as i32;
                    let _ = root.draw(&Rectangle::new(
                        [(LABEL_WIDTH, y), (right.max(LABEL_WIDTH + 1), y + bar - 1)],
                        QUARTER_COLOURS[q].filled(),
                    ));
                }
            }
        }
        let _ = root.present();
    }
    svg
}
