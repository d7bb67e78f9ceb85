//! Issue 4 end to end: set a passphrase, run the guided flow for a child with a
//! "handl nu" sign, see § 133 and 112, start a concern from the result, save,
//! lock, unlock and find it; a CPR number in the note held back with a warning;
//! axe on each screen; and no trace of the note outside the encrypted vault.

use beredskab_e2e::App;
use serde_json::{json, Value};

const PASSPHRASE: &str = "et langt kodeord til testen";

async fn type_into(app: &App, css: &str, text: &str) {
    let input = app.wait_for(css).await;
    input.clear().await.expect("clear");
    input.send_keys(text).await.expect("type");
}

fn assert_no_violations(screen: &str, violations: &[String]) {
    assert!(
        violations.is_empty(),
        "axe found violations on {screen}:\n{}",
        violations.join("\n")
    );
}

fn files_containing(dir: &std::path::Path, needle: &[u8]) -> Vec<String> {
    let mut hits = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return hits;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            hits.extend(files_containing(&path, needle));
        } else if std::fs::read(&path).is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle)) {
            hits.push(path.display().to_string());
        }
    }
    hits
}

/// Files directly in the shared temp folder (other tests' folders are not ours to read).
fn files_named_in(dir: &std::path::Path, needle: &[u8]) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| std::fs::read(p).is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle)))
        .map(|p| p.display().to_string())
        .collect()
}

#[tokio::test]
async fn guided_flow_to_a_saved_concern_through_lock_and_unlock() {
    let app = App::start().await;

    // A passphrase first.
    app.click("[data-testid=nav-concerns]").await;
    type_into(&app, "[data-testid=vault-new-passphrase]", PASSPHRASE).await;
    type_into(&app, "[data-testid=vault-repeat-passphrase]", PASSPHRASE).await;
    app.screenshot("11-vault-setup").await;
    assert_no_violations("vault set-up", &app.axe_violations().await);
    app.click("[data-testid=vault-setup]").await;
    app.wait_for("[data-screen=concerns]").await;

    // The guided flow for a child, with a "handl nu" sign and acute danger.
    app.click("[data-testid=nav-guided]").await;
    app.click("[data-testid=guided-target-barn_ung]").await;
    app.click("[data-testid=guided-next]").await;
    app.click("[data-testid=guided-role-laerer_paedagog]").await;
    app.click("[data-testid=guided-next]").await;
    app.click("[data-testid=guided-sign][data-tier=handl_nu]")
        .await;
    app.screenshot("12-guided-signs").await;
    assert_no_violations("guided signs", &app.axe_violations().await);
    app.click("[data-testid=guided-next]").await;
    app.click("[data-testid=guided-acute-yes]").await;
    app.click("[data-testid=guided-next]").await;
    app.wait_for("[data-testid=guided-result]").await;
    let call = app.text("[data-testid=guided-112]").await;
    assert!(call.contains("112"), "{call}");
    let notify = app.text("[data-testid=guided-notify]").await;
    assert!(notify.contains("133"), "{notify}");
    assert!(!app.find_all("[data-testid=guided-card]").await.is_empty());
    app.screenshot("13-guided-result").await;
    assert_no_violations("guided result", &app.axe_violations().await);

    // A concern from the result, pre-filled; complete it and register.
    app.click("[data-testid=guided-record]").await;
    app.wait_for("[data-screen=concern-form]").await;
    let checked = app
        .run("return document.querySelectorAll('[data-testid=concern-sign]:checked').length;")
        .await;
    assert_eq!(checked, json!(1), "the chosen sign is carried over");
    let today = app.run("const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');").await;
    let date_input = app.wait_for("[data-testid=concern-observed-on]").await;
    let arg = serde_json::to_value(&date_input).expect("element");
    app.client
        .execute(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true})); arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            vec![arg, today],
        )
        .await
        .expect("date");
    type_into(
        &app,
        "[data-testid=concern-recorder-unit]",
        "Skole Nord, 8.b",
    )
    .await;
    app.wait_for("[data-testid=concern-age-band]")
        .await
        .select_by_value("13-17")
        .await
        .expect("age band");
    // A CPR number in the note: the warning shows while typing, and the
    // draft holding it is not written until the number is removed or confirmed.
    type_into(
        &app,
        "[data-testid=concern-note]",
        "Eleven har cpr 010203\u{2013}4321 med",
    )
    .await;
    app.wait_for("[data-testid=concern-cpr-warning]").await;
    app.screenshot("14a-concern-cpr-warning").await;
    assert_no_violations("CPR warning", &app.axe_violations().await);
    let drafts = app
        .invoke(
            "concern_list",
            json!({ "filter": { "state": "kladde", "severity": null, "target_group": null } }),
        )
        .await;
    for draft in drafts["ok"].as_array().expect("drafts") {
        let opened = app
            .invoke(
                "concern_open",
                json!({ "id": draft["id"], "purpose": "rettelse" }),
            )
            .await;
        assert!(
            !opened.to_string().contains("4321"),
            "a draft with the CPR number was saved: {opened}"
        );
    }
    app.click("[data-testid=concern-cpr-edit]").await;
    let marker = "MARKER-e2e-7f3a9c";
    type_into(
        &app,
        "[data-testid=concern-note]",
        &format!("Eleven fortalte om rejsen. {marker}"),
    )
    .await;
    app.wait_until(
        "(document.querySelector('[data-testid=draft-status]')?.textContent || '').length > 0",
    )
    .await;
    app.screenshot("14-concern-form").await;
    assert_no_violations("concern form", &app.axe_violations().await);
    app.click("[data-testid=concern-register]").await;
    app.wait_for("[data-screen=concerns] [data-testid=concern-row]")
        .await;

    // Lock, unlock, find it.
    app.click("[data-testid=vault-lock]").await;
    app.click("[data-testid=nav-concerns]").await;
    type_into(
        &app,
        "[data-testid=vault-passphrase]",
        "forkert kodeord helt sikkert",
    )
    .await;
    app.click("[data-testid=vault-unlock]").await;
    app.wait_until("document.body.textContent.includes('forkert') || document.body.textContent.includes('wrong')").await;
    app.screenshot("15-vault-locked").await;
    let t = std::time::Instant::now();
    assert_no_violations("unlock", &app.axe_violations().await);
    eprintln!("axe {:?}", t.elapsed());
    type_into(&app, "[data-testid=vault-passphrase]", PASSPHRASE).await;
    eprintln!("typed {:?}", t.elapsed());
    app.click("[data-testid=vault-unlock]").await;
    eprintln!("clicked {:?}", t.elapsed());
    app.wait_for("[data-testid=concern-row]").await;
    eprintln!("row {:?}", t.elapsed());
    let rows = app.find_all("[data-testid=concern-row]").await;
    eprintln!("rows {:?}", t.elapsed());
    assert_eq!(rows.len(), 1);
    app.screenshot_of_display("16-concerns-list");
    eprintln!("shot {:?}", t.elapsed());
    assert_no_violations("concern list", &app.axe_violations().await);
    let listed = app
        .invoke(
            "concern_list",
            json!({ "filter": { "state": "registreret", "severity": null, "target_group": null } }),
        )
        .await;
    assert_eq!(listed["ok"].as_array().map(Vec::len), Some(1), "{listed}");
    assert_eq!(
        listed["ok"][0]["severity"], "akut",
        "acute danger pre-fills severity"
    );

    // Retention is set in the settings screen and kept by the backend.
    app.click("[data-testid=nav-settings]").await;
    type_into(&app, "[data-testid=vault-retention-days]", "10").await;
    app.click("[data-testid=vault-retention-save]").await;
    app.wait_until("document.querySelector('[data-testid=vault-settings] .alert-success')")
        .await;
    let status = app.invoke("vault_status_get", json!({})).await;
    assert_eq!(status["ok"]["retention_days"], json!(10));

    // The audit log: create or register, lock, a failed unlock, unlock; chain intact.
    let log = app.invoke("audit_list", json!({ "limit": 100 })).await;
    assert_eq!(log["ok"]["chain_ok"], Value::Bool(true));
    let actions: Vec<&str> = log["ok"]["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for expected in ["register", "lock", "failed_unlock", "unlock"] {
        assert!(
            actions.contains(&expected),
            "{expected} missing from {actions:?}"
        );
    }

    // Nothing of the note outside the encrypted vault: app data, webview data, storage.
    let storage = app
        .run("return localStorage.length + sessionStorage.length;")
        .await;
    assert_eq!(storage, json!(0));
    app.click("[data-testid=vault-lock]").await;
    let left = app.close().await;
    let (data_dir, home, stderr) = (left.data_dir.path(), left.home.path(), left.stderr_path());

    // The app logs (a daily file under logs/ and stderr), with each failed command's code…
    let log_dir = data_dir.join("logs");
    let log: String = std::fs::read_dir(&log_dir)
        .expect("the app writes a log file")
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert!(
        log.contains("wrong_passphrase"),
        "the failed unlock is logged with its code: {log}"
    );
    let stderr_text = std::fs::read_to_string(&stderr).unwrap_or_default();
    assert!(
        stderr_text.contains("wrong_passphrase"),
        "stderr carries the same log"
    );
    // …and never the note, the passphrase or anything typed.
    let tmp = std::env::temp_dir();
    for secret in [marker, PASSPHRASE] {
        let mut hits = files_containing(data_dir, secret.as_bytes());
        hits.extend(files_containing(home, secret.as_bytes()));
        hits.extend(files_containing(
            stderr.parent().expect("logs dir"),
            secret.as_bytes(),
        ));
        hits.extend(files_named_in(&tmp, secret.as_bytes()));
        assert!(hits.is_empty(), "{secret:?} is readable in: {hits:?}");
    }
}
