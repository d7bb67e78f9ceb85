//! The audit log detects tampering with any one entry, and every view is logged.

mod common;

use beredskab_vault::audit::ViewPurpose;
use common::*;

#[test]
fn tampering_with_any_one_of_1000_entries_is_detected() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let saved = m
        .with_vault(|v| v.register(None, &concern(&pack, "x"), false, &pack, today()))
        .expect("save");
    m.with_vault(|v| {
        while v.audit(1)?.entries[0].seq < 1000 {
            v.open(&saved.id, ViewPurpose::Opfoelgning)?;
        }
        Ok(())
    })
    .expect("fill the log");
    let mut detected = 0;
    let mut trials = 0;
    m.with_vault(|v| {
        let total = v.audit(1)?.entries[0].seq;
        assert_eq!(total, 1000);
        let tampers = [
            "UPDATE audit SET user = 'en anden' WHERE seq = ?1",
            "UPDATE audit SET action = 'view' , purpose = 'tilsyn' WHERE seq = ?1",
            "DELETE FROM audit WHERE seq = ?1",
        ];
        for seq in 1..=total {
            let sql = tampers[(seq % 3) as usize];
            v.connection().execute_batch("SAVEPOINT tamper")?;
            v.connection().execute(sql, [seq])?;
            let view = v.audit(1)?;
            trials += 1;
            if !view.chain_ok && view.broken_at.is_some_and(|b| b <= seq) {
                detected += 1;
            }
            v.connection()
                .execute_batch("ROLLBACK TO tamper; RELEASE tamper")?;
        }
        assert!(v.audit(1)?.chain_ok, "the untouched log verifies");
        Ok(())
    })
    .expect("tamper");
    assert_eq!((detected, trials), (1000, 1000));
}

#[test]
fn successful_views_equal_view_entries() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let ids: Vec<String> = (0..20)
        .map(|i| {
            m.with_vault(|v| {
                v.register(
                    None,
                    &concern(&pack, &format!("n{i}")),
                    false,
                    &pack,
                    today(),
                )
            })
            .expect("save")
            .id
        })
        .collect();
    let mut views = 0;
    for (i, id) in ids.iter().enumerate() {
        for _ in 0..(i % 4) {
            m.with_vault(|v| v.open(id, ViewPurpose::Sagsbehandling))
                .expect("open");
            views += 1;
        }
    }
    assert!(m
        .with_vault(|v| v.open("findes-ikke", ViewPurpose::Tilsyn))
        .is_err());
    let logged = m
        .with_vault(|v| {
            beredskab_vault::audit::count(v.connection(), beredskab_vault::audit::AuditAction::View)
        })
        .expect("count");
    assert_eq!(logged, views);
}

#[test]
fn a_view_whose_log_entry_cannot_be_written_returns_no_data() {
    let (_dir, mut m) = new_vault();
    let pack = pack();
    let saved = m
        .with_vault(|v| {
            v.register(
                None,
                &concern(&pack, "hemmelig note"),
                false,
                &pack,
                today(),
            )
        })
        .expect("save");
    m.with_vault(|v| {
        v.connection().execute_batch(
            "CREATE TEMP TRIGGER no_audit BEFORE INSERT ON main.audit BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END;",
        )?;
        Ok(())
    })
    .expect("break the log");
    let result = m.with_vault(|v| v.open(&saved.id, ViewPurpose::Tilsyn));
    assert!(
        result.is_err(),
        "data must not be returned without its audit entry"
    );
}
