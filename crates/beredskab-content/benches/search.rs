//! Search speed over a pack 100× the default pack: the full search (fold, stem,
//! FTS5 MATCH, rank, highlight) against a raw FTS5 MATCH on the same index,
//! with criterion, then p50/p99 over many runs for BENCHMARKS.md.

use beredskab_content::search::{fts_query, Mode, QueryTerms};
use beredskab_content::{load_embedded, today, Library, LoadedPack};
use beredskab_domain::PackSource;
use criterion::Criterion;
use std::hint::black_box;
use std::time::Instant;

const QUERIES: [&str; 8] = [
    "tvangsægteskab",
    "pas taget",
    "må ikke arbejde",
    "lejrsk",
    "underretning",
    "bror holder øje",
    "genopdragelsesrejse",
    "112",
];
/// One wrong, missing or swapped letter, or ae/oe for æ/ø: found only through
/// the near words, so these pay for the typo tolerance.
const TYPO_QUERIES: [&str; 4] = [
    "tvangsægteskba",
    "undrretning",
    "soskende",
    "boernetelefonen",
];
const COPIES: usize = 100;

/// The default pack with every item copied `COPIES` times under new ids.
fn big_pack() -> LoadedPack {
    let loaded = load_embedded(today()).expect("embedded pack");
    let base = loaded.pack;
    let mut big = base.clone();
    big.signs.clear();
    big.cards.clear();
    big.contacts.clear();
    big.legal.clear();
    for n in 0..COPIES {
        let suffix = |id: &str| format!("{id}-{n}");
        big.signs.extend(base.signs.iter().map(|s| {
            let mut s = s.clone();
            s.id = suffix(&s.id);
            s.cards = s.cards.iter().map(|c| suffix(c)).collect();
            s
        }));
        big.cards.extend(base.cards.iter().map(|c| {
            let mut c = c.clone();
            c.id = suffix(&c.id);
            c.contacts = c.contacts.iter().map(|x| suffix(x)).collect();
            c.legal = c.legal.iter().map(|x| suffix(x)).collect();
            c
        }));
        big.contacts.extend(base.contacts.iter().map(|c| {
            let mut c = c.clone();
            c.id = suffix(&c.id);
            c
        }));
        big.legal.extend(base.legal.iter().map(|l| {
            let mut l = l.clone();
            l.id = suffix(&l.id);
            l
        }));
    }
    LoadedPack {
        pack: big,
        files: loaded.files,
    }
}

fn raw_match(library: &Library, fts: &str) -> usize {
    library
        .store()
        .match_index(fts, 50)
        .map(|r| r.len())
        .unwrap_or(0)
}

fn benches(c: &mut Criterion, library: &Library) {
    let mut group = c.benchmark_group("search_100x");
    for query in QUERIES {
        group.bench_function(format!("full/{query}"), |b| {
            b.iter(|| library.search(black_box(query)))
        });
        let fts = fts_query(&QueryTerms::parse(query), Mode::All).expect("query");
        group.bench_function(format!("raw_fts5/{query}"), |b| {
            b.iter(|| raw_match(library, black_box(&fts)))
        });
    }
    group.finish();
}

/// Both sides in one run, alternating query by query, so a busy moment of
/// the machine falls on both: p50/p99 overall and the median ratio per query.
fn percentiles(library: &Library) {
    let mut full_all = Vec::new();
    let mut raw_all = Vec::new();
    for query in QUERIES {
        let fts = fts_query(&QueryTerms::parse(query), Mode::All).expect("query");
        let mut full = Vec::new();
        let mut raw = Vec::new();
        for _ in 0..RUNS_PER_QUERY {
            let start = Instant::now();
            black_box(library.search(query).expect("search"));
            full.push(start.elapsed().as_secs_f64() * 1000.0);
            let start = Instant::now();
            black_box(raw_match(library, &fts));
            raw.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        sort(&mut full);
        sort(&mut raw);
        println!(
            "RATIO query={query:?} full_p50_ms={:.3} raw_p50_ms={:.3} ratio={:.2}",
            at(&full, 0.5),
            at(&raw, 0.5),
            at(&full, 0.5) / at(&raw, 0.5)
        );
        full_all.extend(full);
        raw_all.extend(raw);
    }
    let mut typos = Vec::new();
    for query in TYPO_QUERIES {
        for _ in 0..RUNS_PER_QUERY {
            let start = Instant::now();
            let found = library.search(query).expect("search");
            typos.push(start.elapsed().as_secs_f64() * 1000.0);
            assert!(!found.hits.is_empty(), "{query} finds nothing");
        }
    }
    sort(&mut typos);
    println!(
        "TYPOS runs={} p50_ms={:.3} p99_ms={:.3}",
        typos.len(),
        at(&typos, 0.5),
        at(&typos, 0.99)
    );
    sort(&mut full_all);
    sort(&mut raw_all);
    let pack = library.pack();
    println!(
        "PERCENTILES items={} runs={} full_p50_ms={:.3} full_p99_ms={:.3} raw_p50_ms={:.3} raw_p99_ms={:.3}",
        pack.signs.len() + pack.cards.len() + pack.contacts.len() + pack.legal.len(),
        full_all.len(),
        at(&full_all, 0.5),
        at(&full_all, 0.99),
        at(&raw_all, 0.5),
        at(&raw_all, 0.99)
    );
}

const RUNS_PER_QUERY: usize = 400;

fn sort(v: &mut [f64]) {
    v.sort_by(f64::total_cmp);
}

fn at(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p) as usize]
}

fn main() {
    let library = Library::in_memory(big_pack(), PackSource::Embedded).expect("library");
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion, &library);
    percentiles(&library);
    criterion.final_summary();
}
