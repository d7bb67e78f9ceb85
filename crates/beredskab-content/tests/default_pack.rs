//! The default pack in content/ is complete, linked, readable, spelled right and
//! findable: the checks a municipality relies on before adopting it.

use beredskab_content::search::ItemKind;
use beredskab_content::{load_dir, today, Library, LoadedPack};
use beredskab_domain::pack::MAX_STEP_WORDS;
use beredskab_domain::{Pack, PackSource, Role};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::PathBuf;

fn content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn default_loaded() -> LoadedPack {
    load_dir(&content_dir(), today()).unwrap_or_else(|e| {
        let problems: Vec<String> = e
            .problems()
            .iter()
            .map(|p| format!("{p}: {:?} {:?}", p.code, p.args))
            .collect();
        panic!("content/ is invalid: {e}\n{}", problems.join("\n"))
    })
}

fn default_pack() -> Pack {
    default_loaded().pack
}

/// Lines of a repo word list, without comments and blanks.
fn word_list(name: &str) -> HashSet<String> {
    std::fs::read_to_string(content_dir().join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn covers_every_category_with_enough_signs_and_cards() {
    let pack = default_pack();
    assert!(pack.signs.len() >= 45, "{} signs", pack.signs.len());
    assert!(pack.cards.len() >= 16, "{} cards", pack.cards.len());
    assert_eq!(pack.meta.categories.len(), 8);
    for category in &pack.meta.categories {
        let n = pack
            .signs
            .iter()
            .filter(|s| s.category == category.id)
            .count();
        assert!(n >= 4, "category {} has {n} signs", category.id);
    }
    for role in [
        Role::LaererPaedagog,
        Role::JobkonsulentSagsbehandler,
        Role::SocialKontrolVejleder,
        Role::Leder,
        Role::Alle,
    ] {
        assert!(
            pack.cards.iter().any(|c| c.roles.contains(&role)),
            "no card for {role:?}"
        );
    }
    let acute: Vec<&str> = pack
        .cards
        .iter()
        .filter(|c| c.acute)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(acute, ["akut-fare"]);
    assert!(pack.card("underretning-133").is_some());
    let about: Vec<&str> = pack.meta.about.iter().map(|a| a.id.as_str()).collect();
    for section in ["definition", "handleplan", "beredskabsplan"] {
        assert!(about.contains(&section), "about page lacks {section}");
    }
}

#[test]
fn every_card_is_reachable_and_complete() {
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
    }
    for sign in &pack.signs {
        assert!(
            sign.cards.iter().all(|c| pack.card(c).is_some()) && !sign.cards.is_empty(),
            "{}",
            sign.id
        );
    }
}

#[test]
fn every_contact_carries_a_source_and_a_verified_date() {
    let pack = default_pack();
    for contact in &pack.contacts {
        assert!(!contact.source.trim().is_empty(), "{}", contact.id);
        assert!(
            contact.last_verified <= pack.meta.released,
            "{}",
            contact.id
        );
        assert!(
            contact.phone.is_some()
                || contact.needs_verification
                || !contact.out_of_hours.is_empty(),
            "{}",
            contact.id
        );
    }
}

#[test]
fn facts_the_sources_call_unverified_are_marked() {
    let pack = default_pack();
    for id in ["red-hotline", "maerk-rejseholdet", "danner"] {
        assert!(
            pack.contact(id).is_some_and(|c| c.needs_verification),
            "contact {id}"
        );
    }
    assert!(pack
        .legal_ref("barnets-lov-135")
        .is_some_and(|l| l.needs_verification));
    assert!(pack.card("tolk").is_some_and(|c| c.needs_verification));
}

#[test]
fn steps_are_short_and_each_card_opens_with_an_action() {
    let verbs = word_list("action-verbs.txt");
    let pack = default_pack();
    let mut wrong = Vec::new();
    for card in &pack.cards {
        for (i, step) in card.steps.iter().enumerate() {
            let words = step.split_whitespace().count();
            if words > MAX_STEP_WORDS {
                wrong.push(format!("{} step {}: {words} words", card.id, i + 1));
            }
        }
        let first = card.steps[0]
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or_default();
        if !verbs.contains(first) {
            wrong.push(format!(
                "{}: first step opens with {first:?}, not an action verb from action-verbs.txt",
                card.id
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[derive(Deserialize)]
struct SearchCases {
    case: Vec<SearchCase>,
}

#[derive(Deserialize)]
struct SearchCase {
    query: String,
    expect: String,
}

#[test]
fn search_finds_the_right_card_for_realistic_queries() {
    let text = std::fs::read_to_string(content_dir().join("search-cases.toml"))
        .expect("search-cases.toml");
    let cases: SearchCases = toml::from_str(&text).expect("search-cases.toml parses");
    assert!(cases.case.len() >= 25, "{} cases", cases.case.len());
    let library = Library::in_memory(default_loaded(), PackSource::Embedded).expect("library");
    let mut misses = Vec::new();
    for case in &cases.case {
        assert!(
            library.pack().card(&case.expect).is_some(),
            "{} expects unknown card {}",
            case.query,
            case.expect
        );
        let cards: Vec<String> = library
            .search(&case.query)
            .expect("search")
            .into_iter()
            .filter(|h| h.kind == ItemKind::Card)
            .take(3)
            .map(|h| h.id)
            .collect();
        if !cards.contains(&case.expect) {
            misses.push(format!(
                "{:?}: expected {} in top 3 cards, got {cards:?}",
                case.query, case.expect
            ));
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {} queries missed:\n{}",
        misses.len(),
        cases.case.len(),
        misses.join("\n")
    );
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
