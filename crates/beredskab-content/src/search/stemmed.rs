//! Text with its words already stemmed, made once per item: it feeds the
//! index and lets highlighting compare stems without stemming at query time.

use super::normalize::{stem, words};

#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub stem: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StemmedText {
    pub text: String,
    pub words: Vec<Word>,
}

impl StemmedText {
    pub fn new(text: String) -> StemmedText {
        let words = words(&text)
            .map(|(start, w)| Word {
                start,
                end: start + w.len(),
                stem: stem(w),
            })
            .collect();
        StemmedText { text, words }
    }

    /// The text as FTS5 indexes it: stems separated by spaces.
    pub fn index_text(&self) -> String {
        let stems: Vec<&str> = self.words.iter().map(|w| w.stem.as_str()).collect();
        stems.join(" ")
    }
}
