//! "Jeg er bekymret": from who it is, my role, the signs I saw and whether there
//! is acute danger, to what to do — a plain function over the pack in use.

use crate::content::{Card, Contact, LegalRef, Pack, Role, Sign, TargetGroup, Tier};
use crate::views::{CardSummary, SignRef};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

/// What the guided flow cannot answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GuidanceError {
    /// A sign id the pack in use does not know (a stale screen, or a changed pack).
    #[error("unknown sign")]
    UnknownSign(String),
    /// More signs than any person chooses: a broken or hostile caller.
    #[error("too many signs")]
    TooManySigns,
}

/// At most this many signs in one question.
pub const MAX_GUIDANCE_SIGNS: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct GuidanceInput {
    pub target_group: TargetGroup,
    pub role: Role,
    /// Ids of the signs seen.
    pub signs: Vec<String>,
    pub acute_danger: bool,
    /// For an adult: children live in the household, so the duty to notify
    /// applies to them.
    #[serde(default)]
    pub children_in_household: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RankedCard {
    pub card: CardSummary,
    pub score: f64,
    /// The chosen signs that point to this card.
    pub because: Vec<SignRef>,
}

/// For a child under 18: the duty to notify, and how to do it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct DutyToNotify {
    pub legal: LegalRef,
    pub card: CardSummary,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Guidance {
    /// Acute danger: call 112 first.
    pub acute: bool,
    pub acute_card: Option<CardSummary>,
    pub duty_to_notify: Option<DutyToNotify>,
    pub cards: Vec<RankedCard>,
    pub contacts: Vec<Contact>,
    /// Chosen signs whose tier alone calls for action now.
    pub act_now_signs: Vec<SignRef>,
}

/// A "handl nu" sign weighs three "flere tegn" signs.
const ACT_NOW_WEIGHT: f64 = 3.0;
const OTHER_WEIGHT: f64 = 1.0;
/// Among cards the signs point to, those written for my role come first.
const MY_ROLE_BONUS: f64 = 2.0;
const EVERYONE_BONUS: f64 = 0.5;
const MAX_CONTACTS: usize = 8;

pub fn guide(pack: &Pack, input: &GuidanceInput) -> Result<Guidance, GuidanceError> {
    if input.signs.len() > MAX_GUIDANCE_SIGNS {
        return Err(GuidanceError::TooManySigns);
    }
    let mut chosen: Vec<&Sign> = Vec::new();
    for id in &input.signs {
        let sign = pack
            .signs
            .iter()
            .find(|s| &s.id == id)
            .ok_or_else(|| GuidanceError::UnknownSign(id.clone()))?;
        if !chosen.iter().any(|s| s.id == sign.id) {
            chosen.push(sign);
        }
    }

    let acute_card = pack.cards.iter().find(|c| c.acute);
    // The duty to notify concerns children: the child itself, or children
    // living with the adult the concern is about.
    let notify = input.target_group == TargetGroup::BarnUng || input.children_in_household;
    let duty_to_notify = match (notify, &pack.meta.guidance) {
        (true, Some(refs)) => match (
            pack.legal_ref(&refs.notify_legal),
            pack.card(&refs.notify_card),
        ) {
            (Some(legal), Some(card)) => Some(DutyToNotify {
                legal: legal.clone(),
                card: CardSummary::of(card),
            }),
            _ => None,
        },
        _ => None,
    };

    let mut scores: HashMap<&str, (f64, Vec<SignRef>)> = HashMap::new();
    for sign in &chosen {
        let weight = if sign.tier == Tier::HandlNu {
            ACT_NOW_WEIGHT
        } else {
            OTHER_WEIGHT
        };
        for card_id in &sign.cards {
            let entry = scores.entry(card_id.as_str()).or_default();
            entry.0 += weight;
            entry.1.push(SignRef::of(sign));
        }
    }
    let shown_apart = |card: &Card| {
        (input.acute_danger && card.acute)
            || duty_to_notify
                .as_ref()
                .is_some_and(|d| d.card.id == card.id)
    };
    let mut cards: Vec<RankedCard> = pack
        .cards
        .iter()
        .filter(|card| !shown_apart(card))
        // Only cards about the person the concern is about: an adult's concern
        // never leads to a card written for children.
        .filter(|card| card.target_groups.contains(&input.target_group))
        .filter_map(|card| {
            let (score, because) = scores.remove(card.id.as_str())?;
            let bonus = if card.roles.contains(&input.role) {
                MY_ROLE_BONUS
            } else if card.roles.contains(&Role::Alle) {
                EVERYONE_BONUS
            } else {
                0.0
            };
            Some(RankedCard {
                card: CardSummary::of(card),
                score: score + bonus,
                because,
            })
        })
        .collect();
    cards.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.card.id.cmp(&b.card.id))
    });

    let mut contact_order: Vec<&str> = Vec::new();
    let acute_first = acute_card.filter(|_| input.acute_danger);
    let notify_card = duty_to_notify.as_ref().and_then(|d| pack.card(&d.card.id));
    let ranked = cards.iter().filter_map(|r| pack.card(&r.card.id));
    for card in acute_first.into_iter().chain(notify_card).chain(ranked) {
        for id in &card.contacts {
            if !contact_order.contains(&id.as_str()) {
                contact_order.push(id);
            }
        }
    }
    let contacts = contact_order
        .iter()
        .filter_map(|id| pack.contact(id))
        .take(MAX_CONTACTS)
        .cloned()
        .collect();

    Ok(Guidance {
        acute: input.acute_danger,
        acute_card: acute_first.map(CardSummary::of),
        duty_to_notify,
        cards,
        contacts,
        act_now_signs: chosen
            .iter()
            .filter(|s| s.tier == Tier::HandlNu)
            .map(|s| SignRef::of(s))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack() -> Pack {
        crate::testing::default_pack()
    }

    fn input(target_group: TargetGroup, signs: &[&str], acute_danger: bool) -> GuidanceInput {
        GuidanceInput {
            target_group,
            role: Role::LaererPaedagog,
            signs: signs.iter().map(|s| s.to_string()).collect(),
            acute_danger,
            children_in_household: false,
        }
    }

    fn first_sign(pack: &Pack, tier: Tier, group: TargetGroup) -> String {
        pack.signs
            .iter()
            .find(|s| s.tier == tier && s.target_groups.contains(&group))
            .map(|s| s.id.clone())
            .expect("sign")
    }

    #[test]
    fn acute_danger_comes_first_with_the_acute_card_and_its_contacts() {
        let pack = pack();
        let sign = first_sign(&pack, Tier::FlereTegn, TargetGroup::Voksen);
        let g = guide(&pack, &input(TargetGroup::Voksen, &[&sign], true)).expect("guide");
        assert!(g.acute);
        let acute = g.acute_card.as_ref().expect("acute card");
        assert!(pack.card(&acute.id).is_some_and(|c| c.acute));
        let acute_contacts = &pack.card(&acute.id).expect("card").contacts;
        assert_eq!(
            g.contacts.first().map(|c| &c.id),
            acute_contacts.first(),
            "acute contacts first"
        );
        assert!(
            g.cards.iter().all(|r| r.card.id != acute.id),
            "not listed twice"
        );
    }

    #[test]
    fn a_child_brings_the_duty_to_notify_and_an_adult_does_not() {
        let pack = pack();
        let child = guide(&pack, &input(TargetGroup::BarnUng, &[], false)).expect("guide");
        let duty = child.duty_to_notify.expect("duty to notify for under 18");
        assert_eq!(
            (duty.legal.id.as_str(), duty.card.id.as_str()),
            ("barnets-lov-133", "underretning-133")
        );
        assert!(child.acute_card.is_none());
        let adult = guide(&pack, &input(TargetGroup::Voksen, &[], false)).expect("guide");
        assert!(adult.duty_to_notify.is_none());
    }

    #[test]
    fn an_adult_brings_the_duty_to_notify_only_with_children_in_the_household() {
        let pack = pack();
        let adult_signs: Vec<&str> = pack
            .signs
            .iter()
            .filter(|s| s.target_groups == [TargetGroup::Voksen])
            .map(|s| s.id.as_str())
            .take(5)
            .collect();
        let mut adult = input(TargetGroup::Voksen, &adult_signs, false);
        adult.role = Role::JobkonsulentSagsbehandler;
        let without = guide(&pack, &adult).expect("guide");
        assert!(without.duty_to_notify.is_none());
        for ranked in &without.cards {
            let card = pack.card(&ranked.card.id).expect("card");
            assert!(
                card.target_groups.contains(&TargetGroup::Voksen),
                "{} is not a card for adults",
                card.id
            );
        }
        adult.children_in_household = true;
        let with = guide(&pack, &adult).expect("guide");
        assert!(
            with.duty_to_notify.is_some(),
            "children in the household bring the duty"
        );
    }

    #[test]
    fn act_now_signs_are_named_and_outrank_other_signs() {
        let pack = pack();
        let now = first_sign(&pack, Tier::HandlNu, TargetGroup::BarnUng);
        let later = pack
            .signs
            .iter()
            .find(|s| {
                s.tier == Tier::FlereTegn
                    && s.cards.iter().all(|c| {
                        !pack
                            .signs
                            .iter()
                            .find(|x| x.id == now)
                            .expect("now")
                            .cards
                            .contains(c)
                    })
            })
            .map(|s| s.id.clone())
            .expect("a sign pointing elsewhere");
        let g = guide(&pack, &input(TargetGroup::BarnUng, &[&later, &now], false)).expect("guide");
        assert_eq!(
            g.act_now_signs
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>(),
            [now.as_str()]
        );
        let top = &g.cards[0];
        assert!(
            top.because.iter().any(|s| s.id == now),
            "the act-now sign's card ranks first: {:?}",
            g.cards
        );
    }

    #[test]
    fn scores_add_up_over_signs_that_share_a_card() {
        let pack = pack();
        let shared: Vec<&str> = pack
            .signs
            .iter()
            .filter(|s| {
                s.cards.contains(&"laerer-bekymring".to_string()) && s.tier == Tier::FlereTegn
            })
            .map(|s| s.id.as_str())
            .take(3)
            .collect();
        assert!(shared.len() >= 2);
        let g = guide(&pack, &input(TargetGroup::BarnUng, &shared, false)).expect("guide");
        let card = g
            .cards
            .iter()
            .find(|r| r.card.id == "laerer-bekymring")
            .expect("card");
        assert_eq!(card.because.len(), shared.len());
        assert_eq!(
            card.score,
            shared.len() as f64 * OTHER_WEIGHT + MY_ROLE_BONUS
        );
    }

    #[test]
    fn an_unknown_sign_is_invalid_input() {
        let err = guide(
            &pack(),
            &input(TargetGroup::BarnUng, &["findes-ikke"], false),
        )
        .expect_err("unknown");
        assert_eq!(err, GuidanceError::UnknownSign("findes-ikke".into()));
    }

    #[test]
    fn the_same_sign_twice_counts_once() {
        let pack = pack();
        let sign = first_sign(&pack, Tier::FlereTegn, TargetGroup::BarnUng);
        let once = guide(&pack, &input(TargetGroup::BarnUng, &[&sign], false)).expect("guide");
        let twice =
            guide(&pack, &input(TargetGroup::BarnUng, &[&sign, &sign], false)).expect("guide");
        assert_eq!(once, twice);
    }
}
