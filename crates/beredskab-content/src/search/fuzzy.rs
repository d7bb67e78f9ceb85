//! Forgiving a typo: words of five letters or more that the index does not
//! know are matched against its vocabulary within one edit (a wrong, missing,
//! extra or swapped letter). Words the index knows are never touched, so a
//! correctly typed query costs only a look-up per word.

use std::collections::BTreeMap;

/// Shorter words are too easily one letter away from another word; counted
/// on the word as typed, since the stem of "søskende" is only "søsk".
pub const MIN_FUZZY_CHARS: usize = 5;
/// A stem this short is one letter away from too many others.
const MIN_FUZZY_STEM: usize = 4;

/// The index's stems, each with the word it most often stands for, for "Mente du …?".
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// stem → (shown word, how often)
    words: BTreeMap<String, (String, usize)>,
}

impl Vocabulary {
    pub fn add(&mut self, stem: &str, shown: &str) {
        let entry = self
            .words
            .entry(stem.to_string())
            .or_insert_with(|| (shown.to_lowercase(), 0));
        entry.1 += 1;
    }

    /// True if some indexed stem starts with `stem` (the search matches prefixes).
    pub fn knows(&self, stem: &str) -> bool {
        self.words
            .range::<str, _>((std::ops::Bound::Included(stem), std::ops::Bound::Unbounded))
            .next()
            .is_some_and(|(known, _)| known.starts_with(stem))
    }

    /// Indexed stems one edit away from `stem`, most frequent first.
    pub fn near(&self, stem: &str) -> Vec<&str> {
        let target: Vec<char> = stem.chars().collect();
        if target.len() < MIN_FUZZY_STEM {
            return Vec::new();
        }
        let mut found: Vec<(&str, usize)> = self
            .words
            .iter()
            .filter(|(known, _)| {
                let len = known.chars().count();
                len + 1 >= target.len() && len <= target.len() + 1
            })
            .filter(|(known, _)| within_one_edit(&target, &known.chars().collect::<Vec<_>>()))
            .map(|(known, (_, count))| (known.as_str(), *count))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        found.into_iter().map(|(known, _)| known).collect()
    }

    /// The word a stem most often stands for.
    pub fn shown(&self, stem: &str) -> Option<&str> {
        self.words.get(stem).map(|(shown, _)| shown.as_str())
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Damerau–Levenshtein distance ≤ 1 (with adjacent transposition), and not equal.
pub fn within_one_edit(a: &[char], b: &[char]) -> bool {
    if a == b {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => {
            let diffs: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            match diffs.as_slice() {
                [_] => true,
                [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
                _ => false,
            }
        }
        1 => {
            let first = (0..short.len())
                .find(|&i| short[i] != long[i])
                .unwrap_or(short.len());
            short[first..] == long[first + 1..]
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn one_wrong_missing_extra_or_swapped_letter_is_one_edit() {
        let right = chars("underretning");
        for typo in [
            "underretnimg",
            "underetning",
            "underrettning",
            "underertning",
        ] {
            assert!(within_one_edit(&chars(typo), &right), "{typo}");
        }
        for far in [
            "underretning",
            "undretning",
            "underretningerne",
            "ndrretnig",
        ] {
            assert!(!within_one_edit(&chars(far), &right), "{far}");
        }
    }

    #[test]
    fn the_vocabulary_knows_prefixes_and_finds_near_words_most_frequent_first() {
        let mut v = Vocabulary::default();
        for (stem, shown, times) in [
            ("tvangsægteskab", "Tvangsægteskab", 3),
            ("tvangsægteskal", "x", 1),
        ] {
            for _ in 0..times {
                v.add(stem, shown);
            }
        }
        assert!(v.knows("tvangsæg") && !v.knows("tvangsægteskba"));
        assert_eq!(v.near("tvangsægteskba"), ["tvangsægteskab"]);
        assert_eq!(
            v.near("tvangsægteskak"),
            ["tvangsægteskab", "tvangsægteskal"]
        );
        assert_eq!(v.shown("tvangsægteskab"), Some("tvangsægteskab"));
        assert!(v.near("pas").is_empty(), "short words are not guessed at");
    }
}
