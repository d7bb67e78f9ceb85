//! Counts over a pack, for editors checking coverage.

use crate::content::Pack;
use crate::serde_name::serde_name;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackStats {
    pub signs: usize,
    pub cards: usize,
    pub contacts: usize,
    pub legal: usize,
    /// Signs per category id, in the order of pack.toml.
    pub signs_by_category: Vec<(String, usize)>,
    pub signs_by_tier: BTreeMap<String, usize>,
    pub signs_by_target_group: BTreeMap<String, usize>,
    pub needs_verification: usize,
}

pub fn stats(pack: &Pack) -> PackStats {
    let signs_by_category = pack
        .meta
        .categories
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                pack.signs.iter().filter(|s| s.category == c.id).count(),
            )
        })
        .collect();
    let mut signs_by_tier = BTreeMap::new();
    let mut signs_by_target_group = BTreeMap::new();
    for sign in &pack.signs {
        *signs_by_tier.entry(serde_name(&sign.tier)).or_insert(0) += 1;
        for group in &sign.target_groups {
            *signs_by_target_group.entry(serde_name(group)).or_insert(0) += 1;
        }
    }
    let needs_verification = pack.signs.iter().filter(|s| s.needs_verification).count()
        + pack.cards.iter().filter(|c| c.needs_verification).count()
        + pack
            .contacts
            .iter()
            .filter(|c| c.needs_verification)
            .count()
        + pack.legal.iter().filter(|l| l.needs_verification).count();
    PackStats {
        signs: pack.signs.len(),
        cards: pack.cards.len(),
        contacts: pack.contacts.len(),
        legal: pack.legal.len(),
        signs_by_category,
        signs_by_tier,
        signs_by_target_group,
        needs_verification,
    }
}
