//! The yearly report from a generated year synced into a real store: its
//! JSON, CSV and spreadsheet agree with figures computed apart from the
//! report's code and with each other; the PDF opens as A4 with its fonts
//! embedded and shows the target table.

mod year;

use beredskab_server::admin;
use beredskab_server::report::model::Figure;
use beredskab_server::report::suppress::Cell;
use beredskab_server::report::{csv, pdf, xlsx, Report};
use beredskab_server::storage::Storage;
use calamine::{Data, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::process::Command;
use std::sync::Arc;
use year::*;

struct World {
    store: Arc<dyn Storage>,
    _dir: tempfile::TempDir,
    concerns: Vec<GenConcern>,
    activities: Vec<GenActivity>,
    fleet: Fleet,
}

/// 2025 and 2026 up to mid-September, every unit synced on 20.09.2026.
async fn summer() -> World {
    let dir = tempfile::tempdir().expect("temp dir");
    let store: Arc<dyn Storage> =
        Arc::new(beredskab_server::data_dir::init(&dir.path().join("service")).expect("store"));
    let mut rng = Rng(2026);
    let all: Vec<usize> = (0..UNITS).collect();
    // Units 10–12 are small: few concerns, so their cells are small numbers.
    let big: Vec<usize> = (0..9).collect();
    let small: Vec<usize> = (9..UNITS).collect();
    let mut concerns = year::concerns(&mut rng, 1_400, day(2025, 1, 1), day(2026, 9, 15), &big);
    concerns.extend(year::concerns(
        &mut rng,
        25,
        day(2025, 1, 1),
        day(2026, 9, 15),
        &small,
    ));
    let activities = year::activities(&mut rng, 300, day(2025, 1, 1), day(2026, 9, 15), &all);
    let mut fleet = Fleet::enroll(&store, at(2025, 1, 2), UNITS).await;
    fleet
        .sync(&store, &concerns, &activities, &all, at(2026, 9, 20))
        .await;
    enroll_device(&store, at(2025, 1, 2), SILENT_UNIT, 99).await;
    World {
        store,
        _dir: dir,
        concerns,
        activities,
        fleet,
    }
}

async fn report(world: &World) -> Report {
    admin::report(world.store.as_ref(), 2026, day(2026, 11, 27))
        .await
        .expect("report")
}

fn target<'a>(report: &'a Report, id: &str) -> &'a beredskab_server::report::model::TargetLine {
    report
        .targets
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("target {id}"))
}

fn check_against_expected(report: &Report, world: &World, fourth_quarter: bool) {
    let year = expected_targets(
        &world.concerns,
        &world.activities,
        day(2026, 1, 1),
        day(2026, 11, 27),
    );
    let before = expected_targets(
        &world.concerns,
        &world.activities,
        day(2025, 1, 1),
        day(2025, 12, 31),
    );
    assert_eq!(
        report.targets.len(),
        6,
        "the 2024 pilot is not a 2026 target"
    );
    for (id, expected) in &year {
        let t = target(report, id);
        assert_eq!(t.figure, Figure::Count(*expected), "{id} in 2026");
        assert_eq!(t.previous_year, Figure::Count(before[id]), "{id} in 2025");
        let quarters = [(1, 1, 3, 31), (2, 4, 6, 30), (3, 7, 9, 30)];
        for (q, m1, m2, d2) in quarters {
            let expected = expected_targets(
                &world.concerns,
                &world.activities,
                day(2026, m1, 1),
                day(2026, m2, d2),
            );
            assert_eq!(
                t.quarters[q - 1],
                Figure::Count(expected[id]),
                "{id} in quarter {q}"
            );
        }
        let q4 = expected_targets(
            &world.concerns,
            &world.activities,
            day(2026, 10, 1),
            day(2026, 12, 31),
        );
        if fourth_quarter {
            assert_eq!(t.quarters[3], Figure::Count(q4[id]), "{id} in quarter 4");
        } else {
            assert_eq!(
                t.quarters[3],
                Figure::NoData,
                "{id}: nothing has synced since 1 October"
            );
        }
    }
    let severity = expected_severity(&world.concerns, 2026);
    let table = report
        .concern_tables
        .iter()
        .find(|t| t.id == "severity")
        .expect("severity table");
    assert!(!table.table.withheld);
    let mut smalls = 0;
    for (i, unit) in table.rows.iter().enumerate() {
        let mut row_total = 0;
        for (j, column) in table.columns.iter().enumerate() {
            let expected = severity
                .get(&(unit.clone(), column_key(column)))
                .copied()
                .unwrap_or(0);
            row_total += expected;
            match table.table.cells[i][j] {
                Cell::Value(v) => assert_eq!(v, expected, "{unit} / {column}"),
                Cell::Small => {
                    smalls += 1;
                    assert!((1..=4).contains(&expected), "{unit} / {column}: {expected}")
                }
                Cell::Hidden => assert!(expected >= 5, "{unit} / {column}: {expected}"),
            }
        }
        if let Cell::Value(v) = table.table.row_totals[i] {
            assert_eq!(v, row_total, "{unit} total");
        }
    }
    assert!(
        smalls > 0,
        "the small units give small numbers, and they are hidden"
    );
    assert_eq!(
        table.no_data,
        [SILENT_UNIT],
        "never synced: ingen data, not zeros"
    );
    assert!(!table.rows.iter().any(|u| u == SILENT_UNIT));
}

fn column_key(column: &str) -> &'static str {
    match column {
        "Lav" => "Lav",
        "Middel" => "Middel",
        "Høj" => "Høj",
        "Akut" => "Akut",
        other => panic!("unexpected column {other}"),
    }
}

/// Danish number text back to a number: "1.234" → 1234.
fn number(text: &str) -> Option<u64> {
    text.replace('.', "").parse().ok()
}

fn check_csv_and_xlsx_agree(report: &Report) {
    let csv_text = csv::render(report);
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv_text.as_bytes());
    let mut cells: BTreeMap<(String, String, String), String> = BTreeMap::new();
    for record in reader.records() {
        let r = record.expect("csv row");
        cells.insert(
            (r[0].to_string(), r[1].to_string(), r[2].to_string()),
            r[3].to_string(),
        );
    }
    let book = xlsx::render(report).expect("xlsx");
    let mut sheets: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(book)).expect("a real xlsx");
    let goals = sheets.worksheet_range("Mål").expect("sheet Mål");
    for (k, t) in report.targets.iter().enumerate() {
        let from_csv = &cells[&("mål".to_string(), t.id.clone(), "Året".to_string())];
        assert_eq!(from_csv, &t.figure.text(), "{} in the CSV", t.id);
        let row = 3 + k as u32;
        assert_eq!(
            goals.get_value((row, 1)),
            Some(&Data::String(t.description.clone()))
        );
        match (t.figure, goals.get_value((row, 4))) {
            (Figure::Count(n), Some(Data::Float(f))) => {
                assert_eq!(*f as u64, n, "{} in the spreadsheet", t.id);
                assert_eq!(number(from_csv), Some(n));
            }
            (other, Some(Data::String(s))) => assert_eq!(s, &other.text()),
            (figure, cell) => panic!("{}: {figure:?} against {cell:?}", t.id),
        }
        for q in 0..4 {
            let from_csv = &cells[&(
                "mål".to_string(),
                t.id.clone(),
                format!("{}. kvartal", q + 1),
            )];
            assert_eq!(from_csv, &t.quarters[q].text());
            let cell = goals.get_value((row, 7 + q as u32));
            match t.quarters[q] {
                Figure::Count(n) => assert_eq!(cell, Some(&Data::Float(n as f64))),
                other => assert_eq!(cell, Some(&Data::String(other.text()))),
            }
        }
    }
    for table in &report.concern_tables {
        let section = format!("bekymringer: {}", table.title);
        for unit in &table.no_data {
            assert_eq!(
                cells[&(section.clone(), unit.clone(), "alle".to_string())],
                "ingen data"
            );
        }
        let name: String = table.title.chars().take(31).collect();
        let sheet = sheets.worksheet_range(&name).expect("a sheet per table");
        for (i, unit) in table.rows.iter().enumerate() {
            assert_eq!(
                sheet.get_value((i as u32 + 1, 0)),
                Some(&Data::String(unit.clone()))
            );
            for (j, column) in table.columns.iter().enumerate() {
                let cell = table.table.cells[i][j];
                assert_eq!(
                    cells[&(section.clone(), unit.clone(), column.clone())],
                    cell.text()
                );
                let in_sheet = sheet.get_value((i as u32 + 1, j as u32 + 1));
                match cell {
                    Cell::Value(n) => assert_eq!(
                        in_sheet,
                        Some(&Data::Float(n as f64)),
                        "{name} {unit} {column}"
                    ),
                    other => assert_eq!(in_sheet, Some(&Data::String(other.text()))),
                }
            }
        }
    }
}

#[tokio::test]
async fn a_generated_year_is_counted_right_in_json_csv_and_xlsx() {
    let mut world = summer().await;
    let first = report(&world).await;
    check_against_expected(&first, &world, false);
    check_csv_and_xlsx_agree(&first);
    // 2025 beside 2024, when no computer was enrolled yet: "ingen data", not 0.
    let earlier = admin::report(world.store.as_ref(), 2025, day(2026, 11, 27))
        .await
        .expect("report");
    for t in &earlier.targets {
        assert_eq!(t.previous_year, Figure::NoData, "{} in 2024", t.id);
        assert!(matches!(t.figure, Figure::Count(_)), "{} in 2025", t.id);
    }
    let json = serde_json::to_value(&first).expect("json");
    assert_eq!(json["targets"][0]["quarters"][3]["kind"], "no_data");

    // The autumn: every unit but one records more and syncs on 27.11.2026.
    let mut rng = Rng(11);
    let active: Vec<usize> = (0..UNITS).filter(|u| unit_name(*u) != QUIET_UNIT).collect();
    let autumn_c = year::concerns(&mut rng, 300, day(2026, 10, 1), day(2026, 11, 20), &active);
    let autumn_a = year::activities(&mut rng, 60, day(2026, 10, 1), day(2026, 11, 20), &active);
    world
        .fleet
        .sync(
            &world.store,
            &autumn_c,
            &autumn_a,
            &active,
            at(2026, 11, 27),
        )
        .await;
    world.concerns.extend(autumn_c);
    world.activities.extend(autumn_a);
    let second = report(&world).await;
    check_against_expected(&second, &world, true);
    check_csv_and_xlsx_agree(&second);
    let stale: Vec<(&str, Option<&str>)> = second
        .stale_units
        .iter()
        .map(|u| (u.unit.as_str(), u.last_sync.as_deref()))
        .collect();
    assert_eq!(
        stale,
        [(QUIET_UNIT, Some("20.09.2026")), (SILENT_UNIT, None)]
    );
    let log = world.store.log_entries(5).await.expect("log");
    assert!(log
        .iter()
        .any(|e| e.action == "report_read" && e.target == "2026"));
}

fn tool(name: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils, installed by scripts/setup.sh): {e}"));
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn the_pdf_is_a4_with_embedded_fonts_and_shows_the_targets() {
    let world = summer().await;
    let report = report(&world).await;
    let bytes = pdf::render(&report).expect("pdf");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("aarsrapport.pdf");
    std::fs::write(&path, bytes).expect("write");
    let info = tool("pdfinfo", &[path.as_os_str()]);
    assert!(info.contains("(A4)"), "{info}");
    let fonts = tool("pdffonts", &[path.as_os_str()]);
    let font_lines: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!font_lines.is_empty(), "{fonts}");
    for line in &font_lines {
        let columns: Vec<&str> = line.split_whitespace().collect();
        // name, type (two words), encoding, emb, sub, uni, object id
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "every font is embedded: {line}");
    }
    let text = tool(
        "pdftotext",
        &["-layout".as_ref(), path.as_os_str(), "-".as_ref()],
    );
    for t in &report.targets {
        let line = text
            .lines()
            .find(|l| l.contains(&t.description.chars().take(30).collect::<String>()))
            .unwrap_or_else(|| panic!("no line for {} in\n{text}", t.description));
        assert!(
            line.contains(&beredskab_server::report::danish::number(t.target)),
            "{line}"
        );
        assert!(line.contains(&t.figure.text()), "{line}");
    }
    assert!(text.contains("Handleplanens mål"));
    assert!(
        text.contains("ingen data"),
        "the fourth quarter has no data yet"
    );
}
