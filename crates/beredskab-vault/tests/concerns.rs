//! Concern records: drafts, registering, revisions, listing, deleting, and
//! bad input that saves nothing.

mod common;

use beredskab_domain::concern::{ConcernFilter, ConcernState, Severity};
use beredskab_vault::audit::{AuditAction, ViewPurpose};
use beredskab_vault::VaultError;
use common::*;

#[test]
fn a_draft_saves_as_typed_then_registers_as_revision_one() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let mut data = beredskab_domain::concern::ConcernData {
        note: "Første".into(),
        ..Default::default()
    };
    let draft = m
        .with_vault(|v| v.save_draft(None, &data, false, &pack, today()))
        .expect("draft");
    assert_eq!((draft.state, draft.revision), (ConcernState::Kladde, 0));
    data.note = "Første udkast, lidt mere".into();
    let again = m
        .with_vault(|v| v.save_draft(Some(&draft.id), &data, false, &pack, today()))
        .expect("draft");
    assert_eq!(again.id, draft.id);

    let incomplete = m.with_vault(|v| v.register(Some(&draft.id), &data, false, &pack, today()));
    match incomplete {
        Err(VaultError::InvalidInput(fields)) => assert!(
            fields.iter().any(|f| f.field == "signs")
                && fields.iter().any(|f| f.field == "observed_on")
        ),
        other => panic!(
            "an incomplete concern must not register: {:?}",
            other.map(|s| s.state)
        ),
    }
    let full = concern(&pack, "Første udkast, lidt mere");
    let registered = m
        .with_vault(|v| v.register(Some(&draft.id), &full, false, &pack, today()))
        .expect("register");
    assert_eq!(
        (registered.state, registered.revision),
        (ConcernState::Registreret, 1)
    );
    match m.with_vault(|v| v.register(Some(&draft.id), &full, false, &pack, today())) {
        Err(VaultError::InvalidInput(fields)) => {
            assert_eq!(
                fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(),
                ["id"]
            )
        }
        other => panic!(
            "registering twice must be refused: {:?}",
            other.map(|s| s.revision)
        ),
    }
    let record = m
        .with_vault(|v| v.open(&draft.id, ViewPurpose::Sagsbehandling))
        .expect("open");
    assert_eq!(record.data.note, "Første udkast, lidt mere");
    assert_eq!(record.revisions.len(), 1);
}

#[test]
fn editing_a_registered_concern_keeps_the_old_revision() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let saved = m
        .with_vault(|v| v.register(None, &concern(&pack, "v1"), false, &pack, today()))
        .expect("save");
    let mut changed = concern(&pack, "v2");
    changed.severity = Some(Severity::Hoej);
    let updated = m
        .with_vault(|v| v.update(&saved.id, &changed, false, &pack, today()))
        .expect("update");
    assert_eq!(updated.revision, 2);
    let record = m
        .with_vault(|v| v.open(&saved.id, ViewPurpose::Rettelse))
        .expect("open");
    assert_eq!(record.data.note, "v2");
    assert_eq!(
        record
            .revisions
            .iter()
            .map(|r| r.revision)
            .collect::<Vec<_>>(),
        [1, 2]
    );
    let old: String = m
        .with_vault(|v| {
            Ok(v.connection().query_row(
                "SELECT data FROM concern_revision WHERE concern_id = ?1 AND revision = 1",
                [&saved.id],
                |r| r.get(0),
            )?)
        })
        .expect("old revision");
    assert!(old.contains("\"v1\""));
}

#[test]
fn list_filters_and_delete_removes_everything_of_a_record() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let a = m
        .with_vault(|v| v.register(None, &concern(&pack, "a"), false, &pack, today()))
        .expect("a");
    let mut high = concern(&pack, "b");
    high.severity = Some(Severity::Hoej);
    m.with_vault(|v| v.register(None, &high, false, &pack, today()))
        .expect("b");
    let only_high = ConcernFilter {
        severity: Some(Severity::Hoej),
        ..Default::default()
    };
    assert_eq!(
        m.with_vault(|v| v.list(&only_high, 100))
            .expect("list")
            .len(),
        1
    );
    m.with_vault(|v| v.delete(&a.id)).expect("delete");
    assert!(matches!(
        m.with_vault(|v| v.open(&a.id, ViewPurpose::Tilsyn)),
        Err(VaultError::NotFound)
    ));
    let left: i64 = m
        .with_vault(|v| {
            Ok(v.connection().query_row(
                "SELECT count(*) FROM concern_revision WHERE concern_id = ?1",
                [&a.id],
                |r| r.get(0),
            )?)
        })
        .expect("count");
    assert_eq!(left, 0);
    let log = m.with_vault(|v| v.audit(100)).expect("audit");
    assert!(log
        .entries
        .iter()
        .any(|e| e.action == AuditAction::Delete && e.record_id.as_deref() == Some(a.id.as_str())));
}

#[test]
fn synced_concerns_past_retention_leave_the_laptop() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let old = m
        .with_vault(|v| v.register(None, &concern(&pack, "old"), false, &pack, today()))
        .expect("old");
    let kept = m
        .with_vault(|v| v.register(None, &concern(&pack, "unsynced"), false, &pack, today()))
        .expect("kept");
    sync_concern_at(&mut m, &old.id, "2026-01-01T00:00:00.000Z");
    let removed = m
        .with_vault(|v| v.purge_synced_before("2026-06-01T00:00:00.000Z"))
        .expect("purge");
    assert_eq!(removed, 1);
    let ids: Vec<String> = m
        .with_vault(|v| v.list(&Default::default(), 10))
        .expect("list")
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids, [kept.id]);
}

#[test]
fn invalid_input_gets_field_messages_and_saves_nothing() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let before = m
        .with_vault(|v| v.list(&Default::default(), 10))
        .expect("list");
    let good = concern(&pack, "ok");
    let cases: Vec<(&str, beredskab_domain::concern::ConcernData)> = vec![
        ("observed_on", {
            let mut d = good.clone();
            d.observed_on = today().succ_opt();
            d
        }),
        ("signs[1]", {
            let mut d = good.clone();
            d.signs.push("findes-ikke".into());
            d
        }),
        ("note", {
            let mut d = good.clone();
            d.note = "x".repeat(4001);
            d
        }),
        ("note", {
            let mut d = good.clone();
            d.note = "skjult\u{0007}tegn".into();
            d
        }),
        ("recorder_unit", {
            let mut d = good.clone();
            d.recorder_unit = "enhed\u{001b}[31m".into();
            d
        }),
        ("case_ref", {
            let mut d = good.clone();
            d.case_ref = Some("010203-1234".into());
            d
        }),
        ("age_band", {
            let mut d = good.clone();
            d.age_band = Some(beredskab_domain::concern::AgeBand::A40to64);
            d
        }),
        ("follow_up", {
            let mut d = good.clone();
            d.follow_up = today().pred_opt();
            d.observed_on = Some(today());
            d
        }),
        ("actions.underretning_date", {
            let mut d = good.clone();
            d.actions.underretning_sent = true;
            d
        }),
    ];
    for (field, data) in cases {
        for draft in [true, false] {
            if draft && matches!(field, "actions.underretning_date") {
                continue; // only required when registering
            }
            let result = m.with_vault(|v| {
                if draft {
                    v.save_draft(None, &data, false, &pack, today())
                } else {
                    v.register(None, &data, false, &pack, today())
                }
            });
            match result {
                Err(VaultError::InvalidInput(fields)) => {
                    assert!(
                        fields.iter().any(|f| f.field == field),
                        "{field}: {fields:?}"
                    );
                    assert!(fields.iter().all(|f| !f.field.is_empty()));
                }
                other => panic!(
                    "{field} (draft: {draft}) was accepted: {:?}",
                    other.map(|s| s.id)
                ),
            }
        }
    }
    assert_eq!(
        m.with_vault(|v| v.list(&Default::default(), 10))
            .expect("list"),
        before,
        "nothing was saved"
    );
}

#[test]
fn a_cpr_number_in_the_note_needs_confirmation() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let data = concern(&pack, "Mor oplyste 010203-1234 ved mødet");
    assert!(matches!(
        m.with_vault(|v| v.register(None, &data, false, &pack, today())),
        Err(VaultError::CprSuspected)
    ));
    assert!(m
        .with_vault(|v| v.list(&Default::default(), 10))
        .expect("list")
        .is_empty());
    m.with_vault(|v| v.register(None, &data, true, &pack, today()))
        .expect("saved after confirming");
}

#[test]
fn a_cpr_number_in_any_text_field_is_caught_in_drafts_too() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    for (field, note, unit) in [
        ("note", "Mor sagde 010203–1234 i telefonen", "Skole A"),
        ("note", "cpr 01.02.03-1234", "Skole A"),
        ("recorder_unit", "ingen tal", "Skole A 0102031234"),
    ] {
        let mut data = concern(&pack, note);
        data.recorder_unit = unit.into();
        let draft = m.with_vault(|v| v.save_draft(None, &data, false, &pack, today()));
        assert!(
            matches!(draft, Err(VaultError::CprSuspected)),
            "{field}: a draft with a CPR number was saved without confirmation: {:?}",
            draft.map(|s| s.id)
        );
        let check = beredskab_domain::concern::check(
            &data,
            &pack,
            today(),
            beredskab_domain::concern::Mode::Draft,
        );
        assert_eq!(
            check.cpr_fields,
            [field],
            "the warning names the field before anything is saved"
        );
        m.with_vault(|v| v.save_draft(None, &data, true, &pack, today()))
            .expect("saved once the user confirms");
    }
}

#[test]
fn hidden_format_characters_and_overlong_lists_are_refused_with_a_message() {
    use beredskab_domain::concern::FieldCode;
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let before = m
        .with_vault(|v| v.list(&Default::default(), 10))
        .expect("list");
    let mut bidi = concern(&pack, "tekst \u{202E}omvendt");
    bidi.recorder_unit = "Skole\u{200B}A".into();
    match m.with_vault(|v| v.register(None, &bidi, false, &pack, today())) {
        Err(VaultError::InvalidInput(fields)) => {
            let codes: Vec<_> = fields.iter().map(|f| (f.field.as_str(), f.code)).collect();
            assert!(
                codes.contains(&("note", FieldCode::FormatChars)),
                "{codes:?}"
            );
            assert!(
                codes.contains(&("recorder_unit", FieldCode::FormatChars)),
                "{codes:?}"
            );
        }
        other => panic!("a bidi override was accepted: {:?}", other.map(|s| s.id)),
    }
    let mut many = concern(&pack, "mange tegn");
    many.signs = vec![many.signs[0].clone(); 101];
    match m.with_vault(|v| v.save_draft(None, &many, false, &pack, today())) {
        Err(VaultError::InvalidInput(fields)) => {
            assert!(fields
                .iter()
                .any(|f| f.field == "signs" && f.code == FieldCode::TooMany))
        }
        other => panic!("101 signs were accepted: {:?}", other.map(|s| s.id)),
    }
    assert_eq!(
        m.with_vault(|v| v.list(&Default::default(), 10))
            .expect("list"),
        before
    );
}

#[test]
fn a_revision_with_a_cpr_number_can_be_redacted_and_the_redaction_is_logged() {
    let (dir, mut m) = new_vault();
    let pack = pack();
    let saved = m
        .with_vault(|v| {
            v.register(
                None,
                &concern(&pack, "Barnets cpr 010203-1234, sagt af mor"),
                true,
                &pack,
                today(),
            )
        })
        .expect("saved after confirmation");
    let record = m
        .with_vault(|v| v.open(&saved.id, ViewPurpose::Rettelse))
        .expect("open");
    assert_eq!(record.revisions[0].cpr_fields, ["note"]);
    let changed = m.with_vault(|v| v.redact(&saved.id, 1)).expect("redact");
    assert_eq!(changed, ["note"]);
    let record = m
        .with_vault(|v| v.open(&saved.id, ViewPurpose::Rettelse))
        .expect("open");
    assert_eq!(record.data.note, "Barnets cpr [CPR fjernet], sagt af mor");
    assert!(record.revisions[0].cpr_fields.is_empty());
    let log = m.with_vault(|v| v.audit(10)).expect("audit");
    assert!(log
        .entries
        .iter()
        .any(|e| e.action == AuditAction::Redact
            && e.record_id.as_deref() == Some(saved.id.as_str())));
    // The number is gone from the database, not only hidden: secure_delete overwrites the old page.
    m.lock().expect("lock");
    let conn = beredskab_vault::testing::open_raw(dir.path(), PASSPHRASE).expect("raw");
    let stored: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT data FROM concern_revision")
            .expect("prepare");
        let rows = stmt.query_map([], |r| r.get(0)).expect("query");
        rows.collect::<Result<_, _>>().expect("rows")
    };
    assert!(
        stored.iter().all(|d| !d.contains("010203-1234")),
        "{stored:?}"
    );
}
