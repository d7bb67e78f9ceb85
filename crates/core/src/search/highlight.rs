//! Marking the words that matched, on the original text, for display.

use super::normalize::{stem, words};
use serde::Serialize;
use ts_rs::TS;

/// A run of display text; `hit` runs are the matched words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

fn matches(word: &str, stems: &[String]) -> bool {
    let s = stem(word);
    stems.iter().any(|q| s.starts_with(q.as_str()))
}

/// Splits `text` into segments, marking each word whose stem starts with a query stem.
pub fn highlight(text: &str, stems: &[String]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |piece: &str, hit: bool| {
        if piece.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(piece),
            _ => out.push(Segment {
                text: piece.to_string(),
                hit,
            }),
        }
    };
    let mut pos = 0;
    for (start, word) in words(text) {
        push(&text[pos..start], false);
        push(word, matches(word, stems));
        pos = start + word.len();
    }
    push(&text[pos..], false);
    out
}

/// A window of about `max_words` words of `text` around the first matched word.
pub fn snippet(text: &str, stems: &[String], max_words: usize) -> Vec<Segment> {
    let all: Vec<(usize, &str)> = words(text).collect();
    if all.len() <= max_words {
        return highlight(text, stems);
    }
    let first_hit = all.iter().position(|(_, w)| matches(w, stems)).unwrap_or(0);
    let from = first_hit.saturating_sub(max_words / 4);
    let to = (from + max_words).min(all.len());
    let from = to.saturating_sub(max_words);
    let start = all[from].0;
    let end = all[to - 1].0 + all[to - 1].1.len();
    let mut segments = highlight(&text[start..end], stems);
    if from > 0 {
        segments.insert(
            0,
            Segment {
                text: "… ".into(),
                hit: false,
            },
        );
    }
    if to < all.len() {
        segments.push(Segment {
            text: " …".into(),
            hit: false,
        });
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_inflected_forms_and_keeps_text_intact() {
        let stems = vec![stem("tvangsægteskab")];
        let segs = highlight("Frygt for tvangsægteskaber.", &stems);
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, "Frygt for tvangsægteskaber.");
        assert!(segs.iter().any(|s| s.hit && s.text == "tvangsægteskaber"));
    }

    #[test]
    fn snippet_starts_near_the_hit() {
        let text = (0..100)
            .map(|i| format!("ord{i}"))
            .collect::<Vec<_>>()
            .join(" ")
            + " pas";
        let segs = snippet(&text, &[stem("pas")], 10);
        assert_eq!(segs.first().map(|s| s.text.as_str()), Some("… "));
        assert!(segs.iter().any(|s| s.hit && s.text == "pas"));
    }
}
