//! Folding and stemming Danish text the same way for the index and for queries.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// Lower-cases and writes the old spelling "aa" as "å", so "Haandbog" finds "håndbog".
pub fn fold(text: &str) -> String {
    text.to_lowercase().replace("aa", "å")
}

/// The words of `text` with their byte ranges; a word is a run of letters or digits.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Danish))
}

/// The Danish stem of one word, folded first: "Tvangsægteskaber" → "tvangsægteskab".
pub fn stem(word: &str) -> String {
    stemmer().stem(&fold(word)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_old_aa_spelling() {
        assert_eq!(fold("ÆRESRELATERET Haandbog"), "æresrelateret håndbog");
    }

    #[test]
    fn stems_danish_plural_and_definite_forms() {
        assert_eq!(stem("tvangsægteskaber"), stem("tvangsægteskab"));
        assert_eq!(stem("Underretningen"), stem("underretning"));
        assert_eq!(stem("skolerne"), stem("skole"));
    }

    #[test]
    fn words_keeps_offsets_and_danish_letters() {
        let found: Vec<_> = words("Ring 112 – før kl. 15.").collect();
        assert_eq!(
            found,
            vec![(0, "Ring"), (5, "112"), (13, "før"), (18, "kl"), (22, "15")]
        );
    }
}
