//! Spotting what looks like a Danish CPR number, so it is not stored by
//! mistake: ten digits as a date of birth (DDMMYY) and four control digits,
//! written together or with a separator — any dash, hyphen or minus sign,
//! any kind of space, a dot or a slash — and also with the date itself
//! split (`01.02.03-1234`, `01-02-03 1234`).

/// The separators people (and word processors) put in a CPR number: ASCII and
/// Unicode hyphens and dashes, the minus sign, dots, slashes and every kind of
/// space, including non-breaking and thin spaces.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '-' | '‐'
            | '‑'
            | '‒'
            | '–'
            | '—'
            | '―'
            | '−'
            | '﹣'
            | '－'
            | '.'
            | '/'
            | ' '
            | '\u{00A0}'
            | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// A digit in a run: its value, whether a separator came before it, and its
/// byte range in the text.
#[derive(Clone, Copy)]
struct Digit {
    value: u32,
    after_break: bool,
    start: usize,
    end: usize,
}

/// The runs of digits in a text: a run goes on across separators and breaks
/// at anything else. Separators are marked on the digit that follows them.
fn digit_runs(text: &str) -> Vec<Vec<Digit>> {
    let mut runs = Vec::new();
    let mut current: Vec<Digit> = Vec::new();
    let mut pending_break = false;
    for (at, c) in text.char_indices() {
        if c.is_ascii_digit() {
            current.push(Digit {
                value: c as u32 - '0' as u32,
                after_break: pending_break,
                start: at,
                end: at + 1,
            });
            pending_break = false;
        } else if is_separator(c) && !current.is_empty() {
            // A separator, or a few together (" - "), is one break between groups.
            pending_break = true;
        } else {
            if !current.is_empty() {
                runs.push(std::mem::take(&mut current));
            }
            pending_break = false;
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// True for groupings a CPR number is written in: DDMMYY XXXX (one break after
/// six digits) or DD MM YY XXXX (breaks after 2, 4 and 6), or no break at all.
fn cpr_grouping(breaks: &[usize]) -> bool {
    matches!(breaks, [] | [6] | [2, 4, 6] | [2, 4])
}

fn plausible_date(d: &[u32]) -> bool {
    let day = d[0] * 10 + d[1];
    let month = d[2] * 10 + d[3];
    (1..=31).contains(&day) && (1..=12).contains(&month)
}

/// The byte ranges of every CPR-like number in `text`.
pub fn cpr_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    for run in digit_runs(text) {
        let mut start = 0;
        while start + 10 <= run.len() {
            // Ten digits that are a whole number in the run: nothing glued on either side.
            let window = &run[start..start + 10];
            let glued_before = start > 0 && !window[0].after_break;
            let glued_after = run.get(start + 10).is_some_and(|d| !d.after_break);
            let breaks: Vec<usize> = (1..10).filter(|&i| window[i].after_break).collect();
            let digits: Vec<u32> = window.iter().map(|d| d.value).collect();
            if !glued_before && !glued_after && cpr_grouping(&breaks) && plausible_date(&digits) {
                spans.push(window[0].start..window[9].end);
                start += 10;
            } else {
                start += 1;
            }
        }
    }
    spans
}

/// Whether `text` holds ten digits that read as a CPR number.
pub fn looks_like_cpr(text: &str) -> bool {
    !cpr_spans(text).is_empty()
}

/// `text` with every CPR-like number replaced by `with`.
pub fn redact_cpr(text: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in cpr_spans(text) {
        out.push_str(&text[at..span.start]);
        out.push_str(with);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpr_like_numbers_are_spotted_in_every_common_writing() {
        for yes in [
            "cpr 010203-1234",
            "0102031234",
            "født 311299 1234 ifølge mor",
            "010203–1234",        // en dash
            "010203—1234",        // em dash
            "010203‑1234",        // non-breaking hyphen
            "010203−1234",        // minus sign
            "010203\u{00A0}1234", // non-breaking space
            "010203 - 1234",
            "01.02.03-1234",
            "01-02-03-1234",
            "01 02 03 1234",
            "01/02/03 1234",
            "sag: 0102031234.",
        ] {
            assert!(looks_like_cpr(yes), "{yes:?}");
        }
        for no in [
            "",
            "tlf 70 27 76 86",
            "tlf 33 17 33 33",
            "12345678901",
            "sag 2024-0012",
            "991399-1234",
            "320101-1234",
            "2026-11-27",
            "kl. 9-15, 3 gange",
            "+45 33 92 11 12",
            "010203-12345",
        ] {
            assert!(!looks_like_cpr(no), "{no:?}");
        }
    }

    #[test]
    fn redaction_replaces_each_number_and_keeps_the_rest() {
        assert_eq!(
            redact_cpr(
                "Mor: 010203–1234, far 31.12.99 4321. Tlf 33 17 33 33.",
                "[CPR]"
            ),
            "Mor: [CPR], far [CPR]. Tlf 33 17 33 33."
        );
        assert_eq!(redact_cpr("ingen tal her", "[CPR]"), "ingen tal her");
    }
}
