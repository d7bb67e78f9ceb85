//! Spotting what looks like a Danish CPR number, so it is not stored by mistake.

/// Ten digits, optionally `DDMMYY-XXXX`, with a plausible day and month.
pub fn looks_like_cpr(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    for start in 0..chars.len() {
        if start > 0 && digit(start - 1) || !(0..6).all(|k| digit(start + k)) {
            continue;
        }
        let sep = usize::from(chars.get(start + 6).is_some_and(|c| *c == '-' || *c == ' '));
        let tail = start + 6 + sep;
        if (0..4).all(|k| digit(tail + k)) && !digit(tail + 4) {
            let num = |a: usize| {
                chars[a].to_digit(10).unwrap_or(0) * 10 + chars[a + 1].to_digit(10).unwrap_or(0)
            };
            let (day, month) = (num(start), num(start + 2));
            if (1..=31).contains(&day) && (1..=12).contains(&month) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpr_like_numbers_are_spotted() {
        for yes in [
            "cpr 010203-1234",
            "0102031234",
            "født 311299 1234 ifølge mor",
        ] {
            assert!(looks_like_cpr(yes), "{yes}");
        }
        for no in [
            "",
            "tlf 70 27 76 86",
            "12345678901",
            "sag 2024-0012",
            "991399-1234",
            "320101-1234",
        ] {
            assert!(!looks_like_cpr(no), "{no}");
        }
    }
}
