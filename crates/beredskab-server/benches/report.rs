//! The yearly report's figure for BENCHMARKS.md: a year with 100,000
//! concerns and 5,000 activities across 50 units in a real store, then the
//! report built and written as JSON, CSV, xlsx, HTML and PDF, each timed.
//! `cargo bench -p beredskab-server --bench report`

#[path = "../tests/report/year.rs"]
#[allow(dead_code)]
mod year;

use beredskab_server::admin;
use beredskab_server::report::{csv, html, pdf, xlsx, Report};
use beredskab_server::storage::Storage;
use std::sync::Arc;
use std::time::Instant;
use year::*;

const CONCERNS: usize = 100_000;
const ACTIVITIES: usize = 5_000;
const BENCH_UNITS: usize = 50;
const RUNS: usize = 5;

type Render = fn(&Report) -> Vec<u8>;

const FORMATS: [(&str, Render); 5] = [
    ("json", |r| serde_json::to_vec(r).expect("json")),
    ("csv", |r| csv::render(r).into_bytes()),
    ("xlsx", |r| xlsx::render(r).expect("xlsx")),
    ("html", |r| html::render(r).into_bytes()),
    ("pdf", |r| pdf::render(r).expect("pdf")),
];

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

async fn run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store: Arc<dyn Storage> =
        Arc::new(beredskab_server::data_dir::init(&dir.path().join("service")).expect("store"));
    let mut rng = Rng(100_000);
    let units: Vec<usize> = (0..BENCH_UNITS).collect();
    let started = Instant::now();
    let concerns = year::concerns(
        &mut rng,
        CONCERNS,
        day(2026, 1, 1),
        day(2026, 11, 20),
        &units,
    );
    let activities = year::activities(
        &mut rng,
        ACTIVITIES,
        day(2026, 1, 1),
        day(2026, 11, 20),
        &units,
    );
    let mut fleet = Fleet::enroll(&store, at(2026, 1, 2), BENCH_UNITS).await;
    fleet
        .sync(&store, &concerns, &activities, &units, at(2026, 11, 27))
        .await;
    println!(
        "filled: {CONCERNS} concerns, {ACTIVITIES} activities across {BENCH_UNITS} units in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let mut build = Vec::new();
    let mut totals: Vec<Vec<f64>> = vec![Vec::new(); FORMATS.len()];
    let mut sizes = vec![0; FORMATS.len()];
    for _ in 0..RUNS {
        for (k, (_, render)) in FORMATS.iter().enumerate() {
            // Each format's time is the whole command's work: read the
            // store, count, protect, write.
            let t = Instant::now();
            let report = admin::report(store.as_ref(), 2026, day(2026, 11, 27))
                .await
                .expect("report");
            let built = t.elapsed().as_secs_f64();
            let bytes = render(&report);
            totals[k].push(t.elapsed().as_secs_f64());
            sizes[k] = bytes.len();
            build.push(built);
        }
    }
    // The sample behind docs/aarsrapport-side-1.png.
    let report = admin::report(store.as_ref(), 2026, day(2026, 11, 27))
        .await
        .expect("report");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/aarsrapport-eksempel.pdf");
    std::fs::write(&sample, pdf::render(&report).expect("pdf")).expect("sample");
    println!("sample: {}", sample.display());
    println!("read and count: median {:.3} s", median(build));
    for (k, (name, _)) in FORMATS.iter().enumerate() {
        println!(
            "{name:>5}: median {:.3} s of {RUNS} runs, {} bytes",
            median(totals[k].clone()),
            sizes[k]
        );
    }
}
