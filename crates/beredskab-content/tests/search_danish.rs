//! Danish search over a real pack: case, æ/ø/å and the old "aa", stemming,
//! prefixes while typing, ranking and highlighting.

mod common;

use beredskab_content::search::{ItemKind, SearchHit};
use beredskab_content::{load_dir, Library};
use beredskab_domain::PackSource;
use common::*;

fn library() -> Library {
    let pack = load_dir(&search_pack_dir(), today()).expect("search pack is valid");
    Library::in_memory(pack, PackSource::Folder).expect("library")
}

fn ids(hits: &[SearchHit]) -> Vec<String> {
    hits.iter()
        .map(|h| {
            format!(
                "{}:{}",
                beredskab_domain::serde_name::serde_name(&h.kind),
                h.id
            )
        })
        .collect()
}

fn top(query: &str) -> String {
    ids(&library().search(query).expect("search").hits)
        .into_iter()
        .next()
        .unwrap_or_default()
}

#[test]
fn stemming_finds_singular_from_plural_and_back() {
    let lib = library();
    let plural = ids(&lib.search("tvangsægteskaber").expect("search").hits);
    assert!(plural.contains(&"card:udrejse".to_string()), "{plural:?}");
    let singular = ids(&lib.search("tvangsægteskab").expect("search").hits);
    assert!(singular.contains(&"sign:tvang".to_string()), "{singular:?}");
}

#[test]
fn case_does_not_matter() {
    assert_eq!(
        ids(&library().search("LEJRSKOLE").expect("s").hits),
        ids(&library().search("lejrskole").expect("s").hits)
    );
}

#[test]
fn aa_finds_å_and_å_finds_aa() {
    assert_eq!(top("aabenlyst"), "sign:aabent-fravaer");
    assert_eq!(top("åbenlyst"), "sign:aabent-fravaer");
}

#[test]
fn æ_ø_å_are_kept_distinct_from_a_o() {
    let hits = ids(&library().search("søskende").expect("s").hits);
    assert_eq!(hits, ["sign:tvang"]);
    let o = library().search("soskende").expect("s");
    assert_eq!(
        o.suggestion.as_deref(),
        Some("søskende"),
        "ø is not o: found only as a one-letter near miss"
    );
}

#[test]
fn prefixes_match_while_typing() {
    for partial in ["lejr", "lejrsk", "tvangsæg", "genopdr"] {
        assert!(
            !library().search(partial).expect("s").hits.is_empty(),
            "{partial} finds nothing"
        );
    }
    assert_eq!(top("genopdr"), "legal:sl-215a");
}

#[test]
fn title_matches_rank_above_body_matches() {
    // "lejrskole" is in the sign's title and only in the card's body.
    let hits = ids(&library().search("lejrskole").expect("s").hits);
    assert_eq!(hits, ["sign:lejrskole", "card:bekymring"]);
}

#[test]
fn every_word_must_match_before_any_word_does() {
    let hits = ids(&library().search("pas penge").expect("s").hits);
    assert_eq!(hits.first().map(String::as_str), Some("sign:pas"));
    let loose = ids(&library().search("pas lejrskole").expect("s").hits);
    assert!(
        loose.contains(&"sign:pas".into()) && loose.contains(&"sign:lejrskole".into()),
        "{loose:?}"
    );
}

#[test]
fn matched_words_are_highlighted_in_their_original_form() {
    let hits = library().search("tvangsægteskab").expect("s").hits;
    let sign = hits
        .iter()
        .find(|h| h.kind == ItemKind::Sign)
        .expect("sign hit");
    let marked: Vec<&str> = sign
        .title
        .iter()
        .filter(|s| s.hit)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(marked, ["tvangsægteskaber"]);
    let text: String = sign.title.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(text, "Frygt for tvangsægteskaber i familien");
}

#[test]
fn phone_numbers_and_sections_are_searchable() {
    assert_eq!(top("114"), "contact:politi");
    assert_eq!(top("215"), "legal:sl-215a");
}

#[test]
fn odd_input_gives_no_error() {
    for q in [
        "",
        "   ",
        "\"",
        "*",
        "OR",
        "NEAR(",
        "§§§",
        "a\"b",
        "'; DROP TABLE pack; --",
        "\u{0}",
    ] {
        library().search(q).unwrap_or_else(|e| panic!("{q:?}: {e}"));
    }
    assert!(library().search("").expect("s").hits.is_empty());
}
