//! The default pack in content/ is complete, linked, honest about what is not
//! verified, readable, spelled right and uses one word for each thing: the
//! checks a municipality relies on before adopting it.

#[path = "common/pack.rs"]
mod pack;

use beredskab_domain::pack::MAX_STEP_WORDS;
use beredskab_domain::{Audience, Pack, Role, TargetGroup};
use pack::*;
use std::collections::HashSet;

#[test]
fn has_the_people_and_situations_the_plan_needs() {
    let pack = default_pack();
    assert!(pack.signs.len() >= 70, "{} signs", pack.signs.len());
    assert!(pack.cards.len() >= 28, "{} cards", pack.cards.len());
    assert!(
        pack.contacts.len() >= 22,
        "{} contacts",
        pack.contacts.len()
    );
    assert_eq!(pack.meta.categories.len(), 8);
    for category in &pack.meta.categories {
        let n = pack
            .signs
            .iter()
            .filter(|s| s.category == category.id)
            .count();
        assert!(n >= 4, "category {} has {n} signs", category.id);
    }
    for role in Role::OF_PEOPLE {
        let n = pack
            .cards
            .iter()
            .filter(|c| c.roles.contains(&role))
            .count();
        assert!(n >= 2, "{role:?} has {n} cards written for it");
    }
    let acute: Vec<&str> = pack
        .cards
        .iter()
        .filter(|c| c.acute)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(acute, ["akut-fare"]);
    assert!(
        pack.cards
            .iter()
            .any(|c| c.roles.contains(&Role::RaadgiverBoernUnge)
                && c.title.to_lowercase().contains("underretning")),
        "a card for the caseworker who receives an underretning"
    );
    let escalation = pack
        .card("risiko-eskalering")
        .expect("the risk-escalation checklist");
    for sign in ["truet på livet", "vold", "flygte"] {
        assert!(
            escalation
                .steps
                .iter()
                .any(|s| s.to_lowercase().contains(sign)),
            "the checklist says what to do on {sign}"
        );
    }
    for contact in [
        "boernetelefonen",
        "doegnvagten",
        "bbu",
        "um-globale-vagtcenter",
        "udlaendingestyrelsen-hotline",
    ] {
        assert!(
            pack.contacts.iter().any(|c| c.id.starts_with(contact)),
            "contact {contact}"
        );
    }
    let about: Vec<&str> = pack.meta.about.iter().map(|a| a.id.as_str()).collect();
    for section in ["definition", "handleplan", "beredskabsplan"] {
        assert!(about.contains(&section), "about page lacks {section}");
    }
}

#[test]
fn every_card_is_reachable_complete_and_for_someone() {
    let pack = default_pack();
    let linked: HashSet<&str> = pack
        .signs
        .iter()
        .flat_map(|s| s.cards.iter().map(String::as_str))
        .collect();
    for card in &pack.cards {
        assert!(
            card.on_home || linked.contains(card.id.as_str()),
            "{} is reachable from no sign and not on the home screen",
            card.id
        );
        assert!(!card.steps.is_empty(), "{} has no steps", card.id);
        assert!(
            !card.do_list.is_empty() && !card.dont_list.is_empty(),
            "{} lacks do / don't",
            card.id
        );
        assert!(
            !card.contacts.is_empty() && !card.legal.is_empty(),
            "{} lacks contacts or legal references",
            card.id
        );
        assert!(
            !card.target_groups.is_empty() && !card.roles.is_empty(),
            "{}",
            card.id
        );
    }
}

#[test]
fn no_contact_claims_a_check_nobody_made() {
    let pack = default_pack();
    for contact in &pack.contacts {
        assert!(!contact.source.trim().is_empty(), "{}", contact.id);
        assert!(contact.source_date.parts().is_some(), "{}", contact.id);
        assert!(!contact.audience.is_empty(), "{}", contact.id);
        // Nobody has phoned these numbers: a default pack claims no check.
        assert!(
            contact.last_verified.is_none() && contact.needs_verification,
            "{} claims a check",
            contact.id
        );
        assert!(
            !contact.hours.to_lowercase().contains("bekræft"),
            "{}: an editorial note in the hours",
            contact.id
        );
    }
}

#[test]
fn facts_the_sources_call_unverified_are_marked() {
    let pack = default_pack();
    assert!(pack
        .contact("sabaah")
        .is_some_and(|c| c.phone.is_none() && c.needs_verification));
    assert!(pack
        .contact("mandecentret")
        .is_some_and(|c| c.phone.is_none() && c.needs_verification));
    assert!(pack
        .legal_ref("barnets-lov-135")
        .is_some_and(|l| l.needs_verification));
    assert!(pack.card("tolk").is_some_and(|c| c.needs_verification));
}

#[test]
fn every_step_is_a_short_action_and_every_sign_title_one_style() {
    let verbs = lower_word_list("action-verbs.txt");
    let title_verbs = lower_word_list("sign-title-verbs.txt");
    for reminder in ["husk", "forvent", "tænk"] {
        assert!(
            !verbs.contains(reminder),
            "{reminder} is a reminder, not an action"
        );
    }
    let pack = default_pack();
    let mut wrong = Vec::new();
    for card in &pack.cards {
        for (i, step) in card.steps.iter().enumerate() {
            let words = step.split_whitespace().count();
            if words > MAX_STEP_WORDS {
                wrong.push(format!("{} step {}: {words} words", card.id, i + 1));
            }
            let first = first_word(step);
            if !verbs.contains(&first) {
                wrong.push(format!(
                    "{} step {}: opens with {first:?}, not an action from action-verbs.txt",
                    card.id,
                    i + 1
                ));
            }
        }
    }
    for sign in &pack.signs {
        let first = first_word(&sign.title);
        if !title_verbs.contains(&first) {
            wrong.push(format!(
                "sign {}: title opens with {first:?}, not a verb from sign-title-verbs.txt",
                sign.id
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A retired word, matched as whole words in any case.
fn contains_word(text: &str, word: &str) -> bool {
    let text = text.to_lowercase();
    let word = word.to_lowercase();
    text.match_indices(&word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn retired_words_appear_neither_in_the_pack_nor_in_the_app() {
    let retired = word_list("retired-words.txt");
    assert!(retired.contains("henvisninger") && retired.contains("fagfolk"));
    let mut found = Vec::new();
    let mut texts: Vec<(String, String)> = Vec::new();
    for file in beredskab_content::read_dir(&content_dir())
        .expect("pack")
        .files
    {
        texts.push((format!("content/{}", file.0), file.1));
    }
    let locale = content_dir().join("../locales/da.yml");
    texts.push((
        "locales/da.yml".into(),
        std::fs::read_to_string(locale).expect("da.yml"),
    ));
    for (name, text) in &texts {
        for word in &retired {
            if contains_word(text, word) {
                found.push(format!("{name}: {word:?}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "retired words in use:\n{}",
        found.join("\n")
    );
}

#[test]
fn contacts_name_who_may_call_them() {
    let pack = default_pack();
    let childrens = pack.contact("boernetelefonen").expect("BørneTelefonen");
    assert!(childrens.audience.contains(&Audience::Boern));
    let professionals_only: Vec<&str> = pack
        .contacts
        .iter()
        .filter(|c| c.audience == [Audience::Fagpersoner])
        .map(|c| c.id.as_str())
        .collect();
    assert!(
        professionals_only.contains(&"red-raadgivning"),
        "RED's 9–15 line is for professionals"
    );
    assert!(pack
        .contact("red-hotline")
        .is_some_and(|c| c.audience.contains(&Audience::Borgere)));
    let _ = TargetGroup::Voksen;
}

/// All prose a user reads, from every item.
fn prose(pack: &Pack) -> Vec<String> {
    let mut out = vec![pack.meta.title.clone(), pack.meta.signs_caution.clone()];
    for c in &pack.meta.categories {
        out.extend([c.title.clone(), c.description.clone()]);
    }
    for a in &pack.meta.about {
        out.push(a.title.clone());
        out.extend(a.paragraphs.iter().cloned());
    }
    for s in &pack.signs {
        out.extend([s.title.clone(), s.description.clone()]);
    }
    for c in &pack.cards {
        out.extend([c.title.clone(), c.situation.clone()]);
        out.extend(
            c.steps
                .iter()
                .chain(&c.do_list)
                .chain(&c.dont_list)
                .cloned(),
        );
    }
    for c in &pack.contacts {
        out.extend([
            c.organisation.clone(),
            c.hours.clone(),
            c.out_of_hours.clone(),
            c.when_to_use.clone(),
        ]);
    }
    for l in &pack.legal {
        out.push(l.summary.clone());
    }
    out
}

#[test]
fn the_text_passes_danish_hunspell() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("hunspell")
        .args(["-d", "da_DK", "-l"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect(
            "hunspell is missing: apt-get install hunspell hunspell-da (scripts/setup.sh does)",
        );
    let text = prose(&default_pack()).join("\n");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("hunspell");
    assert!(
        out.status.success(),
        "hunspell failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let allowed = word_list("spelling-allowlist.txt");
    let unknown: HashSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .filter(|w| !allowed.contains(w))
        .collect();
    let mut unknown: Vec<String> = unknown.into_iter().collect();
    unknown.sort();
    assert!(unknown.is_empty(), "hunspell (da_DK) does not know: {unknown:?}; fix them or add reviewed words to content/spelling-allowlist.txt");
}
