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
    /// Each distinct stem with the index of its first word, sorted by stem:
    /// finds where a snippet starts without walking a long card word by word.
    first_words: Vec<(String, usize)>,
}

impl StemmedText {
    pub fn new(text: String) -> StemmedText {
        let words = words(&text)
            .map(|(start, w)| Word {
                start,
                end: start + w.len(),
                stem: stem(w),
            })
            .collect::<Vec<Word>>();
        let mut first_words: Vec<(String, usize)> = Vec::new();
        for (index, word) in words.iter().enumerate() {
            first_words.push((word.stem.clone(), index));
        }
        first_words.sort();
        first_words.dedup_by(|later, earlier| later.0 == earlier.0);
        StemmedText {
            text,
            words,
            first_words,
        }
    }

    /// The first word whose stem starts with any of `stems`.
    pub fn first_match(&self, stems: &[String]) -> Option<usize> {
        stems
            .iter()
            .filter_map(|prefix| {
                let from = self
                    .first_words
                    .partition_point(|(s, _)| s.as_str() < prefix.as_str());
                self.first_words[from..]
                    .iter()
                    .take_while(|(s, _)| s.starts_with(prefix.as_str()))
                    .map(|(_, index)| *index)
                    .min()
            })
            .min()
    }

    /// The text as FTS5 indexes it: stems separated by spaces.
    pub fn index_text(&self) -> String {
        let stems: Vec<&str> = self.words.iter().map(|w| w.stem.as_str()).collect();
        stems.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_match_is_the_earliest_word_with_any_of_the_prefixes() {
        let text = StemmedText::new("Pas på passet; skolen tog passet og bøgerne".into());
        let at = |prefixes: &[&str]| {
            text.first_match(&prefixes.iter().map(|p| stem(p)).collect::<Vec<_>>())
        };
        assert_eq!(at(&["skole"]), Some(3));
        assert_eq!(at(&["bøgerne", "tog"]), Some(4));
        assert_eq!(at(&["pas"]), Some(0));
        assert_eq!(at(&["ukendt"]), None);
    }
}
