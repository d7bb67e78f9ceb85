//! The default pack in content/, loaded as the app loads it, and its word lists.
#![allow(dead_code)]

use beredskab_content::{load_dir, today, LoadedPack};
use beredskab_domain::Pack;
use std::collections::HashSet;
use std::path::PathBuf;

pub fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

pub fn default_loaded() -> LoadedPack {
    load_dir(&content_dir(), today()).unwrap_or_else(|e| {
        let problems: Vec<String> = e
            .problems()
            .iter()
            .map(|p| format!("{p}: {:?} {:?}", p.code, p.args))
            .collect();
        panic!("content/ is invalid: {e}\n{}", problems.join("\n"))
    })
}

pub fn default_pack() -> Pack {
    default_loaded().pack
}

/// Lines of a word list in content/, without comments and blanks, as written.
pub fn word_list(name: &str) -> HashSet<String> {
    std::fs::read_to_string(content_dir().join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// A word list compared without regard to case.
pub fn lower_word_list(name: &str) -> HashSet<String> {
    word_list(name)
        .into_iter()
        .map(|w| w.to_lowercase())
        .collect()
}

/// The first word of a line, as an editor wrote it.
pub fn first_word(line: &str) -> String {
    line.split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or_default()
        .to_lowercase()
}

/// Every line a reader acts on in a card, with where it is.
pub fn card_lines(card: &beredskab_domain::Card) -> Vec<(String, &str)> {
    let mut lines = vec![("situation".to_string(), card.situation.as_str())];
    for (name, list) in [
        ("steps", &card.steps),
        ("do", &card.do_list),
        ("dont", &card.dont_list),
    ] {
        lines.extend(
            list.iter()
                .enumerate()
                .map(|(i, l)| (format!("{name}[{}]", i + 1), l.as_str())),
        );
    }
    lines
}
