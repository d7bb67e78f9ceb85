//! What free text may hold. Control characters break layouts and logs; the
//! invisible format characters (bidirectional overrides, zero-width joiners,
//! byte-order marks) can make a note read differently from what is stored,
//! so both are refused in every text field, with a message, never stripped
//! silently.

/// A character that is neither visible nor plain white space: Unicode's
/// control (Cc) and format (Cf) characters. `allow_lines` lets newlines and
/// tabs through, for multi-line notes.
pub fn is_hidden_char(c: char, allow_lines: bool) -> bool {
    if allow_lines && matches!(c, '\n' | '\r' | '\t') {
        return false;
    }
    c.is_control() || is_format_char(c)
}

/// Unicode general category Cf, the characters that change how text is shown
/// without being shown themselves.
pub fn is_format_char(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                  // soft hyphen
        | '\u{0600}'..='\u{0605}'   // Arabic number signs
        | '\u{061C}'                // Arabic letter mark
        | '\u{06DD}' | '\u{070F}' | '\u{0890}' | '\u{0891}' | '\u{08E2}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'   // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}'   // bidirectional embeddings and overrides
        | '\u{2060}'..='\u{2064}'   // word joiner, invisible operators
        | '\u{2066}'..='\u{206F}'   // bidirectional isolates, deprecated format chars
        | '\u{FEFF}'                // byte-order mark, zero-width no-break space
        | '\u{FFF9}'..='\u{FFFB}'   // interlinear annotation
        | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}' | '\u{E0020}'..='\u{E007F}' // tags
    )
}

/// The kind of hidden character found, if any: control first.
pub fn hidden_kind(text: &str, allow_lines: bool) -> Option<HiddenKind> {
    let mut found = None;
    for c in text.chars() {
        if allow_lines && matches!(c, '\n' | '\r' | '\t') {
            continue;
        }
        if c.is_control() {
            return Some(HiddenKind::Control);
        }
        if is_format_char(c) {
            found = Some(HiddenKind::Format);
        }
    }
    found
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HiddenKind {
    Control,
    Format,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_overrides_and_zero_width_characters_are_hidden_characters() {
        for c in [
            '\u{202E}', '\u{2066}', '\u{200B}', '\u{200F}', '\u{FEFF}', '\u{061C}',
        ] {
            assert!(is_hidden_char(c, true), "{:04X}", c as u32);
            assert_eq!(
                hidden_kind(&format!("ok{c}ok"), true),
                Some(HiddenKind::Format)
            );
        }
        assert_eq!(
            hidden_kind("linje 1\nlinje 2\tog æøå – “citat”", true),
            None
        );
        assert_eq!(hidden_kind("a\nb", false), Some(HiddenKind::Control));
        assert_eq!(hidden_kind("a\u{7}b", true), Some(HiddenKind::Control));
    }
}
