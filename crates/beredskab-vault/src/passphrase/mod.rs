//! Passphrases: normalised, held in memory that is wiped when dropped, and
//! checked for strength with a maintained estimator (zxcvbn) that also knows
//! the Danish words and names people put in passwords.

use serde::Serialize;
use specta::Type;
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

pub const MIN_PASSPHRASE_CHARS: usize = 12;
/// zxcvbn's score 3: "safely unguessable", about 10^8 guesses or more; with
/// Argon2id at this vault's cost that is years of offline guessing per core.
const MIN_SCORE: u8 = 3;
static DANISH_WORDS: &str = include_str!("danish-words.txt");

/// A passphrase as typed, normalised to NFC (so "å" typed as one character or
/// as "a" + ring gives the same key), wiped from memory when dropped.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn new(typed: &str) -> Passphrase {
        Passphrase(Zeroizing::new(typed.nfc().collect()))
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a passphrase is too weak, for a message that says what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum Weakness {
    TooShort,
    CommonWords,
    Sequence,
    Repeats,
    Dates,
    Guessable,
    /// The new passphrase is the one it replaces.
    SameAsBefore,
}

fn danish_words() -> Vec<&'static str> {
    DANISH_WORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Refuses a passphrase shorter than 12 characters or one zxcvbn scores below 3.
pub fn check_strength(passphrase: &Passphrase) -> Result<(), Weakness> {
    let text = passphrase.as_str();
    if text.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Weakness::TooShort);
    }
    let estimate = zxcvbn::zxcvbn(text, &danish_words());
    if u8::from(estimate.score()) >= MIN_SCORE {
        return Ok(());
    }
    use zxcvbn::feedback::Warning;
    let warning = estimate.feedback().and_then(|f| f.warning());
    Err(match warning {
        Some(Warning::StraightRowsOfKeysAreEasyToGuess)
        | Some(Warning::ShortKeyboardPatternsAreEasyToGuess)
        | Some(Warning::SequencesLikeAbcAreEasyToGuess) => Weakness::Sequence,
        Some(Warning::RepeatsLikeAaaAreEasyToGuess)
        | Some(Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess) => Weakness::Repeats,
        Some(Warning::RecentYearsAreEasyToGuess) | Some(Warning::DatesAreOftenEasyToGuess) => {
            Weakness::Dates
        }
        Some(Warning::ThisIsATop10Password)
        | Some(Warning::ThisIsATop100Password)
        | Some(Warning::ThisIsACommonPassword)
        | Some(Warning::ThisIsSimilarToACommonlyUsedPassword)
        | Some(Warning::AWordByItselfIsEasyToGuess)
        | Some(Warning::NamesAndSurnamesByThemselvesAreEasyToGuess)
        | Some(Warning::CommonNamesAndSurnamesAreEasyToGuess) => Weakness::CommonWords,
        _ => Weakness::Guessable,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passphrases_are_refused_with_a_reason() {
        for (weak, why) in [
            ("kort", Weakness::TooShort),
            ("123456789012", Weakness::Sequence),
            ("qwertyuiopåø", Weakness::CommonWords),
            ("aaaaaaaaaaaaaaa", Weakness::Repeats),
        ] {
            assert_eq!(check_strength(&Passphrase::new(weak)), Err(why), "{weak}");
        }
        for weak in [
            "kodeord123456",
            "københavn2024",
            "Password1234",
            "hejsahejsahejsa",
            "mohammed19901990",
        ] {
            assert!(
                check_strength(&Passphrase::new(weak)).is_err(),
                "{weak} was accepted"
            );
        }
    }

    #[test]
    fn long_unusual_sentences_are_accepted() {
        for strong in [
            "grøn traktor danser langsomt ved havnen",
            "Syv blå ænder læser avis om natten",
            "en lang og god sætning",
        ] {
            assert_eq!(check_strength(&Passphrase::new(strong)), Ok(()), "{strong}");
        }
    }

    #[test]
    fn the_same_letters_typed_two_ways_give_the_same_bytes() {
        let composed = Passphrase::new("sætning på å");
        let decomposed = Passphrase::new("sætning pa\u{30A} a\u{30A}");
        assert_eq!(composed.as_bytes(), decomposed.as_bytes());
    }
}
