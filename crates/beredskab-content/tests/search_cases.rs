//! The search finds what people type: realistic queries, and the same typed on
//! an English keyboard or with one letter wrong, each find their card in the
//! top three; a query that finds nothing exactly suggests what was meant.

#[path = "common/pack.rs"]
mod pack;

use beredskab_content::search::ItemKind;
use beredskab_content::Library;
use beredskab_domain::PackSource;
use pack::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
    forgiving: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    query: String,
    expect: String,
}

fn cases() -> Cases {
    let text = std::fs::read_to_string(content_dir().join("search-cases.toml"))
        .expect("search-cases.toml");
    toml::from_str(&text).expect("search-cases.toml parses")
}

fn top3_misses(library: &Library, cases: &[Case]) -> Vec<String> {
    let mut misses = Vec::new();
    for case in cases {
        assert!(
            library.pack().card(&case.expect).is_some(),
            "{} expects unknown card {}",
            case.query,
            case.expect
        );
        let cards: Vec<String> = library
            .search(&case.query)
            .expect("search")
            .hits
            .into_iter()
            .filter(|h| h.kind == ItemKind::Card)
            .take(3)
            .map(|h| h.id)
            .collect();
        if !cards.contains(&case.expect) {
            misses.push(format!(
                "{:?}: expected {} in the top 3 cards, got {cards:?}",
                case.query, case.expect
            ));
        }
    }
    misses
}

#[test]
fn realistic_queries_find_their_card_in_the_top_three() {
    let cases = cases();
    assert!(cases.case.len() >= 36, "{} cases", cases.case.len());
    let library = Library::in_memory(default_loaded(), PackSource::Embedded).expect("library");
    let misses = top3_misses(&library, &cases.case);
    assert!(
        misses.is_empty(),
        "{} of {} missed:\n{}",
        misses.len(),
        cases.case.len(),
        misses.join("\n")
    );
}

#[test]
fn english_keyboard_spellings_and_one_letter_typos_find_their_card_too() {
    let cases = cases();
    assert!(
        cases.forgiving.len() >= 10,
        "{} forgiving cases",
        cases.forgiving.len()
    );
    let library = Library::in_memory(default_loaded(), PackSource::Embedded).expect("library");
    let misses = top3_misses(&library, &cases.forgiving);
    assert!(
        misses.is_empty(),
        "{} of {} missed:\n{}",
        misses.len(),
        cases.forgiving.len(),
        misses.join("\n")
    );
}

#[test]
fn a_typo_that_finds_nothing_exactly_suggests_the_word_meant() {
    let library = Library::in_memory(default_loaded(), PackSource::Embedded).expect("library");
    let results = library.search("tvangsægteskba").expect("search");
    assert_eq!(results.suggestion.as_deref(), Some("tvangsægteskab"));
    assert!(!results.hits.is_empty());
    let right = library.search("tvangsægteskab").expect("search");
    assert_eq!(
        right.suggestion, None,
        "a word the pack has needs no suggestion"
    );
    let nothing = library.search("xqzvbnmk").expect("search");
    assert!(nothing.hits.is_empty() && nothing.suggestion.is_none());
}

#[test]
fn near_misses_rank_below_exact_hits() {
    let library = Library::in_memory(default_loaded(), PackSource::Embedded).expect("library");
    // "tolk" is exact; "tvangsægteskba" only near: the exact word's hits come first.
    let results = library.search("tolk tvangsægteskba").expect("search");
    let first = &results.hits[0];
    let title: String = first.title.iter().map(|s| s.text.as_str()).collect();
    let snippet: String = first.snippet.iter().map(|s| s.text.as_str()).collect();
    assert!(
        format!("{title} {snippet}").to_lowercase().contains("tolk"),
        "the first hit matches the exact word: {title}"
    );
}
