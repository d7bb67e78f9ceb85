use super::fixture::{self, CARD, CONTACTS, SIGNS};
use super::*;
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).expect("date")
}

fn problems(files: &PackFiles) -> Vec<Problem> {
    match check(files, today()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

fn only(files: &PackFiles) -> Problem {
    let mut found = problems(files);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    found.remove(0)
}

#[test]
fn the_fixture_is_valid() {
    let pack = check(&fixture::files(), today()).expect("valid");
    assert_eq!(
        (
            pack.signs.len(),
            pack.cards.len(),
            pack.contacts.len(),
            pack.legal.len()
        ),
        (1, 1, 1, 1)
    );
}

#[test]
fn bad_toml_names_the_file() {
    let p = only(&fixture::with(&[(
        "cards/bekymring.toml",
        "id = \"bekymring\nsteps = [",
    )]));
    assert_eq!(
        (p.file.as_str(), p.code),
        ("cards/bekymring.toml", ProblemCode::Syntax)
    );
    assert!(p.arg("detail").contains("line 2"), "{:?}", p.args);
}

#[test]
fn a_missing_required_field_names_item_and_field() {
    let card = CARD.replace("situation = \"Et barn viser tegn på kontrol.\"\n", "");
    let p = only(&fixture::with(&[("cards/bekymring.toml", &card)]));
    assert_eq!(p.code, ProblemCode::MissingField);
    assert_eq!(
        (p.item.as_deref(), p.field.as_deref()),
        (Some("bekymring"), Some("situation"))
    );
}

#[test]
fn an_unknown_field_is_reported_not_ignored() {
    let card = format!("{CARD}\nstepz = [\"x\"]\n");
    let p = only(&fixture::with(&[("cards/bekymring.toml", &card)]));
    assert_eq!(
        (p.code, p.field.as_deref()),
        (ProblemCode::UnknownField, Some("stepz"))
    );
}

#[test]
fn a_bad_tier_names_the_field() {
    let signs = SIGNS.replace("flere_tegn", "maaske");
    let p = only(&fixture::with(&[("signs/kontrol.toml", &signs)]));
    assert_eq!(p.code, ProblemCode::BadValue);
    assert_eq!(
        (p.item.as_deref(), p.field.as_deref()),
        (Some("telefon-tjekkes"), Some("tier"))
    );
}

#[test]
fn a_dangling_card_reference_is_reported() {
    let signs = SIGNS.replace(
        "cards = [\"bekymring\"]",
        "cards = [\"bekymring\", \"findes-ikke\"]",
    );
    let p = only(&fixture::with(&[("signs/kontrol.toml", &signs)]));
    assert_eq!(p.code, ProblemCode::UnknownCard);
    assert_eq!(
        (p.file.as_str(), p.item.as_deref(), p.field.as_deref()),
        (
            "signs/kontrol.toml",
            Some("telefon-tjekkes"),
            Some("cards[2]")
        )
    );
    assert_eq!(p.arg("id"), "findes-ikke");
}

#[test]
fn dangling_contact_legal_and_category_references_are_reported() {
    let card = CARD
        .replace("[\"politi\"]", "[\"ukendt\"]")
        .replace("[\"bl-133\"]", "[\"bl-999\"]");
    let signs = SIGNS.replace("category = \"kontrol\"", "category = \"skole\"");
    let found = problems(&fixture::with(&[
        ("cards/bekymring.toml", &card),
        ("signs/kontrol.toml", &signs),
    ]));
    let codes: Vec<ProblemCode> = found.iter().map(|p| p.code).collect();
    assert_eq!(
        codes,
        vec![
            ProblemCode::UnknownCategory,
            ProblemCode::UnknownContact,
            ProblemCode::UnknownLegal
        ]
    );
}

#[test]
fn a_duplicate_id_across_files_names_both() {
    let p = only(&fixture::with(&[("signs/andet.toml", SIGNS)]));
    assert_eq!(
        (p.code, p.item.as_deref()),
        (ProblemCode::DuplicateId, Some("telefon-tjekkes"))
    );
    let files = [p.file.as_str(), p.arg("other")];
    assert!(
        files.contains(&"signs/andet.toml") && files.contains(&"signs/kontrol.toml"),
        "{p:?}"
    );
}

#[test]
fn empty_steps_are_refused() {
    let card = CARD.replace("steps = [\"Skriv ned, hvad du har set.\"]", "steps = []");
    let p = only(&fixture::with(&[("cards/bekymring.toml", &card)]));
    assert_eq!(
        (p.code, p.field.as_deref()),
        (ProblemCode::Empty, Some("steps"))
    );
}

#[test]
fn a_blank_step_and_an_over_long_step_are_refused() {
    let long = vec!["ord"; MAX_STEP_WORDS + 1].join(" ");
    let card = CARD.replace(
        "steps = [\"Skriv ned, hvad du har set.\"]",
        &format!("steps = [\" \", \"{long}\"]"),
    );
    let found = problems(&fixture::with(&[("cards/bekymring.toml", &card)]));
    let got: Vec<(ProblemCode, Option<&str>)> =
        found.iter().map(|p| (p.code, p.field.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            (ProblemCode::Empty, Some("steps[1]")),
            (ProblemCode::StepTooLong, Some("steps[2]"))
        ]
    );
}

#[test]
fn a_last_verified_date_in_the_future_is_refused() {
    let contacts = CONTACTS.replace("2026-01-01", "2026-06-02");
    let p = only(&fixture::with(&[("contacts.toml", &contacts)]));
    assert_eq!(
        (p.code, p.field.as_deref()),
        (ProblemCode::FutureDate, Some("last_verified"))
    );
}

#[test]
fn a_malformed_phone_number_is_refused() {
    let contacts = CONTACTS.replace("\"114\"", "\"70 27 76\"");
    let p = only(&fixture::with(&[("contacts.toml", &contacts)]));
    assert_eq!(
        (p.code, p.item.as_deref(), p.field.as_deref()),
        (ProblemCode::BadPhone, Some("politi"), Some("phone"))
    );
}

#[test]
fn danish_phone_numbers() {
    for ok in [
        "112",
        "114",
        "1888",
        "70 27 76 86",
        "+45 72 41 40 00",
        "26779198",
    ] {
        assert!(validate::is_danish_phone(ok), "{ok}");
    }
    for bad in [
        "",
        "12",
        "70 27 76",
        "020-57 70 70",
        "+46 8 123 456 78",
        "tlf. 114",
        "+45 114",
        "01234567",
    ] {
        assert!(!validate::is_danish_phone(bad), "{bad}");
    }
}

#[test]
fn bad_ids_are_refused() {
    let card = CARD.replace("id = \"bekymring\"", "id = \"Bekymring_1\"");
    let signs = SIGNS.replace("[\"bekymring\"]", "[\"Bekymring_1\"]");
    let p = only(&fixture::with(&[
        ("cards/bekymring.toml", &card),
        ("signs/kontrol.toml", &signs),
    ]));
    assert_eq!(
        (p.code, p.field.as_deref()),
        (ProblemCode::BadId, Some("id"))
    );
}

#[test]
fn a_missing_file_is_reported() {
    let p = only(&fixture::with(&[("legal.toml", "")]));
    let found = problems(&fixture::with(&[("legal.toml", "")]));
    assert_eq!(
        (p.file.as_str(), p.code),
        ("legal.toml", ProblemCode::MissingFile),
        "{found:#?}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let card = CARD
        .replace("steps = [\"Skriv ned, hvad du har set.\"]", "steps = []")
        .replace("[\"politi\"]", "[\"ukendt\"]");
    let contacts = CONTACTS.replace("\"114\"", "\"abc\"");
    let found = problems(&fixture::with(&[
        ("cards/bekymring.toml", &card),
        ("contacts.toml", &contacts),
    ]));
    assert_eq!(found.len(), 3, "{found:#?}");
}

#[test]
fn an_unsupported_format_is_refused() {
    let meta = fixture::PACK.replace("format = 2", "format = 1");
    let p = only(&fixture::with(&[("pack.toml", &meta)]));
    assert_eq!(
        (p.code, p.field.as_deref()),
        (ProblemCode::UnsupportedFormat, Some("format"))
    );
}

fn contact_with(changes: &[(&str, &str)]) -> String {
    let mut contact = CONTACTS.to_string();
    for (from, to) in changes {
        assert!(contact.contains(from), "fixture has {from}");
        contact = contact.replacen(from, to, 1);
    }
    contact
}

#[test]
fn a_verified_date_and_needs_verification_together_are_refused() {
    let contacts = contact_with(&[("verified_by", "needs_verification = true\nverified_by")]);
    let p = only(&fixture::with(&[("contacts.toml", &contacts)]));
    assert_eq!(
        (p.code, p.field.as_deref()),
        (ProblemCode::VerifiedAndUnverified, Some("last_verified"))
    );
}

#[test]
fn a_contact_neither_verified_nor_marked_is_refused() {
    let contacts = contact_with(&[
        ("last_verified = 2026-01-01\n", ""),
        ("verified_by = \"Redaktøren ringede op\"\n", ""),
    ]);
    let p = only(&fixture::with(&[("contacts.toml", &contacts)]));
    assert_eq!(p.code, ProblemCode::NotVerifiedNotMarked);
}

#[test]
fn a_verified_date_needs_who_checked_and_is_not_the_release_day_by_default() {
    let contacts = contact_with(&[("verified_by = \"Redaktøren ringede op\"\n", "")]);
    assert_eq!(
        only(&fixture::with(&[("contacts.toml", &contacts)])).code,
        ProblemCode::VerifiedWithoutWho
    );
    let on_release = contact_with(&[("last_verified = 2026-01-01", "last_verified = 2026-01-15")]);
    let p = only(&fixture::with(&[("contacts.toml", &on_release)]));
    assert_eq!(p.code, ProblemCode::VerifiedOnReleaseDay);
    let marked = contact_with(&[(
        "last_verified = 2026-01-01",
        "last_verified = 2026-01-15\nverified_on_release_day = true",
    )]);
    assert!(problems(&fixture::with(&[("contacts.toml", &marked)])).is_empty());
}

#[test]
fn a_source_date_must_be_a_year_month_or_day_and_not_in_the_future() {
    for bad in [
        "\"2025-13\"",
        "\"25\"",
        "\"2025-02-30\"",
        "\"2099\"",
        "\"i fjor\"",
    ] {
        let contacts =
            contact_with(&[("source_date = \"2025-11\"", &format!("source_date = {bad}"))]);
        let p = only(&fixture::with(&[("contacts.toml", &contacts)]));
        assert_eq!(p.code, ProblemCode::BadSourceDate, "{bad}");
    }
    for good in ["\"2021\"", "\"2024-06\"", "\"2024-06-30\""] {
        let contacts = contact_with(&[(
            "source_date = \"2025-11\"",
            &format!("source_date = {good}"),
        )]);
        assert!(
            problems(&fixture::with(&[("contacts.toml", &contacts)])).is_empty(),
            "{good}"
        );
    }
}

#[test]
fn a_sign_for_adults_must_lead_to_a_card_for_adults() {
    let signs = SIGNS.replace(
        "target_groups = [\"barn_ung\"]",
        "target_groups = [\"barn_ung\", \"voksen\"]",
    );
    let p = only(&fixture::with(&[("signs/kontrol.toml", &signs)]));
    assert_eq!(
        (p.code, p.item.as_deref(), p.arg("group")),
        (
            ProblemCode::NoCardForGroup,
            Some("telefon-tjekkes"),
            "voksen"
        )
    );
}

#[test]
fn a_card_for_adults_never_sends_an_underretning_except_for_children_in_the_household() {
    let adult = CARD.replace(
        "target_groups = [\"barn_ung\"]",
        "target_groups = [\"voksen\"]",
    );
    let signs = SIGNS.replace(
        "target_groups = [\"barn_ung\"]",
        "target_groups = [\"voksen\"]",
    );
    let with = |step: &str| {
        fixture::with(&[
            (
                "cards/bekymring.toml",
                &adult.replace("Skriv ned, hvad du har set.", step),
            ),
            ("signs/kontrol.toml", &signs),
        ])
    };
    let p = only(&with("Send en underretning efter § 133 til kommunen."));
    assert_eq!(
        (p.code, p.field.as_deref()),
        (ProblemCode::AdultCardDutyToNotify, Some("steps[1]"))
    );
    assert!(problems(&with(
        "Send en underretning om de børn, der bor i husstanden."
    ))
    .is_empty());
}
