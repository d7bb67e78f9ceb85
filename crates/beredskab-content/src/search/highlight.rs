//! Marking the words that matched, on the original text, for display.

use super::stemmed::{StemmedText, Word};
use serde::Serialize;
use specta::Type;

/// A run of display text; `hit` runs are the matched words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

fn matches(word: &Word, stems: &[String]) -> bool {
    stems.iter().any(|q| word.stem.starts_with(q.as_str()))
}

/// Segments of `text[from..to]` covering `words`, marking each word whose stem
/// starts with a query stem. Runs are found as byte ranges first, so each
/// segment's text is copied once (a search builds a hundred of these).
fn segments(
    text: &StemmedText,
    words: &[Word],
    from: usize,
    to: usize,
    stems: &[String],
) -> Vec<Segment> {
    let mut runs: Vec<(usize, usize, bool)> = Vec::new();
    let mut extend = |start: usize, end: usize, hit: bool| {
        if start == end {
            return;
        }
        match runs.last_mut() {
            Some(last) if last.2 == hit => last.1 = end,
            _ => runs.push((start, end, hit)),
        }
    };
    let mut pos = from;
    for word in words {
        extend(pos, word.start, false);
        extend(word.start, word.end, matches(word, stems));
        pos = word.end;
    }
    extend(pos, to, false);
    runs.into_iter()
        .map(|(start, end, hit)| Segment {
            text: text.text[start..end].to_string(),
            hit,
        })
        .collect()
}

/// The whole text as segments.
pub fn highlight(text: &StemmedText, stems: &[String]) -> Vec<Segment> {
    segments(text, &text.words, 0, text.text.len(), stems)
}

/// A window of about `max_words` words around the first matched word.
pub fn snippet(text: &StemmedText, stems: &[String], max_words: usize) -> Vec<Segment> {
    let all = &text.words;
    if all.len() <= max_words {
        return highlight(text, stems);
    }
    let first_hit = text.first_match(stems).unwrap_or(0);
    let from = first_hit.saturating_sub(max_words / 4);
    let to = (from + max_words).min(all.len());
    let from = to.saturating_sub(max_words);
    let window = &all[from..to];
    let mut out = segments(
        text,
        window,
        window[0].start,
        window[window.len() - 1].end,
        stems,
    );
    if from > 0 {
        out.insert(
            0,
            Segment {
                text: "… ".into(),
                hit: false,
            },
        );
    }
    if to < all.len() {
        out.push(Segment {
            text: " …".into(),
            hit: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::stem;

    #[test]
    fn marks_inflected_forms_and_keeps_text_intact() {
        let text = StemmedText::new("Frygt for tvangsægteskaber.".into());
        let segs = highlight(&text, &[stem("tvangsægteskab")]);
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
        let segs = snippet(&StemmedText::new(text), &[stem("pas")], 10);
        assert_eq!(segs.first().map(|s| s.text.as_str()), Some("… "));
        assert!(segs.iter().any(|s| s.hit && s.text == "pas"));
    }
}
