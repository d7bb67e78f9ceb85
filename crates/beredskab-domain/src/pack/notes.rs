//! What editors wrote for each other: notes that never reach the app's
//! screens, and the contacts that still wait for a person's check.

use crate::content::Pack;

/// One editor's note, with the kind and id of the item it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorNote {
    /// "sign", "card", "contact" or "legal".
    pub kind: &'static str,
    pub id: String,
    pub note: String,
}

/// Every editor note in the pack, in file order.
pub fn editor_notes(pack: &Pack) -> Vec<EditorNote> {
    let mut notes = Vec::new();
    let mut add = |kind: &'static str, id: &str, note: &Option<String>| {
        if let Some(note) = note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            notes.push(EditorNote {
                kind,
                id: id.to_string(),
                note: note.to_string(),
            });
        }
    };
    for sign in &pack.signs {
        add("sign", &sign.id, &sign.editor_note);
    }
    for card in &pack.cards {
        add("card", &card.id, &card.editor_note);
    }
    for contact in &pack.contacts {
        add("contact", &contact.id, &contact.editor_note);
    }
    for legal in &pack.legal {
        add("legal", &legal.id, &legal.editor_note);
    }
    notes
}

/// Ids of the contacts no person has checked yet.
pub fn unverified_contacts(pack: &Pack) -> Vec<&str> {
    pack.contacts
        .iter()
        .filter(|c| c.last_verified.is_none())
        .map(|c| c.id.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::fixture;

    #[test]
    fn notes_are_listed_with_their_item_and_blank_ones_are_left_out() {
        let mut pack = crate::pack::parse(&fixture::files()).expect("fixture").pack;
        pack.contacts[0].editor_note = Some("Ring og spørg om weekend".into());
        pack.cards[0].editor_note = Some("  ".into());
        let notes = editor_notes(&pack);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].id, pack.contacts[0].id);
        assert_eq!(notes[0].note, "Ring og spørg om weekend");
    }
}
