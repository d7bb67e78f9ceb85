//! Folding and stemming Danish text the same way for the index and for queries.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// Lower-cases and writes the spellings of an English keyboard and of old
/// Danish as the letters they stand for — "aa" as "å", "ae" as "æ", "oe" as
/// "ø" — so "Haandbog", "boernetelefonen" and "tvangsaegteskab" find their
/// words. Index and query are folded alike, so a word that really has "ae"
/// ("israel") is changed on both sides and still matches itself.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
        .replace("aa", "å")
        .replace("ae", "æ")
        .replace("oe", "ø")
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
    fn english_keyboard_spellings_fold_to_danish_letters() {
        assert_eq!(fold("Boernetelefonen"), "børnetelefonen");
        assert_eq!(fold("tvangsaegteskab"), "tvangsægteskab");
        assert_eq!(stem("doegnvagten"), stem("døgnvagten"));
        // A word that really has the letters folds the same way on both sides.
        assert_eq!(stem("ekstraarbejde"), stem("EKSTRAARBEJDE"));
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
