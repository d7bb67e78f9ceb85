//! Which text of each item is searchable, as title and body.

use super::hit::ItemKind;
use super::stemmed::StemmedText;
use beredskab_domain::content::Pack;

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub kind: ItemKind,
    pub id: String,
    pub title: StemmedText,
    pub body: StemmedText,
}

/// One document per item, in pack order.
pub fn documents(pack: &Pack) -> Vec<Document> {
    let mut docs = Vec::new();
    for card in &pack.cards {
        let mut body = vec![card.situation.as_str()];
        body.extend(card.steps.iter().map(String::as_str));
        body.extend(card.do_list.iter().map(String::as_str));
        body.extend(card.dont_list.iter().map(String::as_str));
        docs.push(doc(ItemKind::Card, &card.id, &card.title, &body));
    }
    for sign in &pack.signs {
        docs.push(doc(
            ItemKind::Sign,
            &sign.id,
            &sign.title,
            &[&sign.description],
        ));
    }
    for contact in &pack.contacts {
        let phone = contact.phone.as_deref().unwrap_or_default();
        let body = [
            contact.when_to_use.as_str(),
            phone,
            &contact.hours,
            &contact.out_of_hours,
        ];
        docs.push(doc(
            ItemKind::Contact,
            &contact.id,
            &contact.organisation,
            &body,
        ));
    }
    for legal in &pack.legal {
        let title = format!("{} {}", legal.law, legal.section);
        docs.push(doc(ItemKind::Legal, &legal.id, &title, &[&legal.summary]));
    }
    docs
}

fn doc(kind: ItemKind, id: &str, title: &str, body: &[&str]) -> Document {
    let body: Vec<&str> = body.iter().copied().filter(|s| !s.is_empty()).collect();
    Document {
        kind,
        id: id.to_string(),
        title: StemmedText::new(title.to_string()),
        body: StemmedText::new(body.join(" · ")),
    }
}
