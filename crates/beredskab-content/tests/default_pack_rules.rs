//! The limits of each role (FACTS.md, "Limits of each role" and "Rules that
//! apply to every role"), checked where a machine can: no card asks staff to
//! do what is the municipality's job, sends someone where they cannot go, or
//! gives a citizen a number meant for professionals.

#[path = "common/pack.rs"]
mod pack;

use beredskab_domain::{Audience, Card, Pack, Role, TargetGroup};
use pack::*;

fn is_for_children_only(card: &Card) -> bool {
    card.target_groups == [TargetGroup::BarnUng]
}

#[test]
fn no_card_for_school_staff_asks_them_to_stop_a_parent_or_make_a_childs_safety_plan() {
    let pack = default_pack();
    let mut wrong = Vec::new();
    for card in pack
        .cards
        .iter()
        .filter(|c| c.roles.contains(&Role::LaererPaedagog))
    {
        for (field, line) in card
            .steps
            .iter()
            .chain(&card.do_list)
            .map(|l| ("step or do", l.as_str()))
        {
            let lower = line.to_lowercase();
            let stops_a_parent = [
                "stop",
                "forhindr",
                "hold barnet tilbage",
                "nægt",
                "lad ikke forældrene",
            ]
            .iter()
            .any(|w| lower.contains(w))
                && ["forældre", "familie", "hente"]
                    .iter()
                    .any(|w| lower.contains(w));
            if stops_a_parent {
                wrong.push(format!("{} {field}: {line}", card.id));
            }
            if lower.contains("sikkerhedsplan")
                && is_for_children_only(card)
                && !lower.contains("kommunen")
            {
                wrong.push(format!(
                    "{} {field}: a child's safety plan is the municipality's: {line}",
                    card.id
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_card_about_a_child_routes_to_a_crisis_centre_alone() {
    let pack = default_pack();
    let centres = ["krisecenter-109", "danner", "mandecentret", "lev-uden-vold"];
    for card in pack.cards.iter().filter(|c| is_for_children_only(c)) {
        for contact in &card.contacts {
            assert!(
                !centres.contains(&contact.as_str()),
                "{} sends a child to {contact}: the route is an underretning to BBU or Døgnvagten",
                card.id
            );
        }
    }
}

/// The Danish numbers a line mentions, without spaces.
fn numbers_in(line: &str) -> Vec<String> {
    let compact: String = line.chars().filter(|c| *c != ' ').collect();
    let mut out = Vec::new();
    let mut run = String::new();
    for c in compact.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            if run.len() >= 3 {
                out.push(std::mem::take(&mut run));
            }
            run.clear();
        }
    }
    out
}

fn contact_by_number<'a>(pack: &'a Pack, number: &str) -> Option<&'a beredskab_domain::Contact> {
    pack.contacts.iter().find(|c| {
        c.phone
            .as_deref()
            .map(|p| p.chars().filter(|c| c.is_ascii_digit()).collect::<String>())
            .is_some_and(|p| p.ends_with(number) || number.ends_with(&p))
    })
}

#[test]
fn a_number_given_to_a_citizen_or_child_is_one_they_may_call() {
    let pack = default_pack();
    let mut wrong = Vec::new();
    for card in &pack.cards {
        for step in &card.steps {
            let lower = step.to_lowercase();
            let gives = ["giv borgeren", "giv barnet", "giv den unge", "giv personen"]
                .iter()
                .any(|g| lower.contains(g));
            if !gives {
                continue;
            }
            for number in numbers_in(step) {
                let Some(contact) = contact_by_number(&pack, &number) else {
                    continue;
                };
                if contact.audience == [Audience::Fagpersoner] {
                    wrong.push(format!(
                        "{}: gives {} ({}) to a citizen, but it is for professionals only",
                        card.id, number, contact.id
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let plan = pack.card("sikkerhedsplan").expect("safety plan");
    for contact in &plan.contacts {
        let c = pack.contact(contact).expect("contact");
        assert!(
            c.audience != [Audience::Fagpersoner],
            "a citizen's safety plan lists {}",
            c.id
        );
    }
}

#[test]
fn staff_never_mediate() {
    let pack = default_pack();
    for card in &pack.cards {
        for step in card.steps.iter().chain(&card.do_list) {
            let lower = step.to_lowercase();
            if lower.contains("mægl") {
                assert!(
                    lower.contains("etnisk konsulentteam") || lower.contains("specialist"),
                    "{}: mediation only by specialists after a risk assessment: {step}",
                    card.id
                );
            }
        }
    }
}

#[test]
fn the_underretning_card_protects_the_child_and_never_waits_for_details() {
    let pack = default_pack();
    let card = pack.card("underretning-133").expect("card");
    let text: String = card_lines(card)
        .iter()
        .map(|(_, l)| l.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        text.contains("negativ social kontrol"),
        "mark the report as NSK"
    );
    assert!(
        text.contains("risikovurdering") && text.contains("forældre"),
        "parents not told before a risk assessment"
    );
    assert!(
        text.contains("cpr"),
        "a missing CPR number must not delay the report"
    );
    assert!(text.contains("samme dag"), "report the same day");
    let steps: Vec<String> = card.steps.iter().map(|s| s.to_lowercase()).collect();
    let first_report = steps
        .iter()
        .position(|s| s.contains("send"))
        .expect("a step sends it");
    let sparring = steps.iter().position(|s| s.contains("sparring"));
    assert!(
        sparring.is_none_or(|i| i > first_report),
        "sparring never comes before the report"
    );
}

#[test]
fn a_bisidder_is_turned_away_only_after_the_citizen_is_asked_alone() {
    let pack = default_pack();
    let card = pack.card("bisidder-familie").expect("card");
    let steps: Vec<String> = card.steps.iter().map(|s| s.to_lowercase()).collect();
    let alone = steps
        .iter()
        .position(|s| s.contains("alene"))
        .expect("asks the citizen alone");
    let away = steps
        .iter()
        .position(|s| s.contains("afvis"))
        .expect("turns the bisidder away");
    assert!(
        alone < away,
        "asked alone at step {}, turned away at step {}",
        alone + 1,
        away + 1
    );
}
