//! Issue 11 end to end, the real app and the real `beredskab-server` on
//! loopback: enroll in Indstillinger; record a concern while the service is
//! down and see it queued with a Danish message; start the service and see
//! it sent and counted by `stats`; publish a release and see the app show
//! it; a tampered release refused in the app with a Danish message, the
//! content in use kept.

use beredskab_e2e::flows::{app_trusting, new_vault_enrolled, sync_now, SYNC};
use beredskab_e2e::{App, Server};
use serde_json::{json, Value};

async fn a_child_concern(app: &App) -> Value {
    let signs = app.invoke("sign_list", json!({})).await["ok"]["signs"]
        .as_array()
        .cloned()
        .expect("signs");
    let sign = signs
        .iter()
        .find(|s| {
            s["target_groups"]
                .as_array()
                .is_some_and(|t| t.iter().any(|g| g == "barn_ung"))
        })
        .expect("a sign for children");
    json!({
        "observed_on": chrono::Local::now().date_naive().to_string(),
        "recorder_role": "laerer_paedagog",
        "recorder_unit": "Skole E2E, 8. klasse",
        "target_group": "barn_ung",
        "age_band": "13-17",
        "gender": null,
        "signs": [sign["id"]],
        "severity": "middel",
        "note": "",
        "actions": { "cards_followed": [], "contacted": [], "underretning_sent": false, "underretning_date": null },
        "follow_up": null,
        "case_ref": null
    })
}

/// Puts release `number` into the service's store, signed with its key and
/// then changed by one byte, as an attacker on the way (or in the store) would.
async fn store_tampered_release(server: &Server, number: u32) {
    let storage = beredskab_server::data_dir::open(&server.data()).expect("open the store");
    use beredskab_server::storage::Storage;
    let latest = storage
        .latest_release()
        .await
        .expect("read")
        .expect("a release");
    let files = latest
        .files
        .iter()
        .map(|f| (f.path.clone(), f.content.clone()))
        .collect();
    let key = beredskab_protocol::release::signing_key_from_base64(
        &std::fs::read_to_string(server.key_file()).expect("key"),
    )
    .expect("key");
    let mut release = beredskab_protocol::SignedRelease::sign(
        number,
        &latest.manifest.pack_version,
        "Falsk udgiver",
        chrono::Utc::now(),
        &files,
        &key,
    );
    release.files[0].content.push('!');
    storage
        .put_release(&release, chrono::Utc::now())
        .await
        .expect("store");
}

#[tokio::test]
async fn enroll_queue_offline_send_and_receive_signed_content() {
    let mut server = Server::init();
    let base = server.start();
    let code = server.cli(&["enroll", "--unit", "Skole E2E"]);
    let app = app_trusting(&server).await;

    // The vault, then enrollment in the settings.
    new_vault_enrolled(&app, &base, &code, "Skole E2E").await;
    let devices = server.cli(&["devices", "list"]);
    assert!(devices.contains("Skole E2E"), "{devices}");

    // The service goes away; a concern is recorded and waits in the queue.
    server.stop();
    let concern = a_child_concern(&app).await;
    let saved = app
        .invoke(
            "concern_register",
            json!({ "id": null, "data": concern, "acknowledgeCpr": false }),
        )
        .await;
    assert!(saved.get("ok").is_some(), "saved: {saved}");
    sync_now(&app).await;
    app.wait_for_within("[data-testid=sync-error][data-code=offline]", SYNC)
        .await;
    let message = app.text("[data-testid=sync-error]").await;
    assert!(
        message.contains("køen"),
        "says in Danish that it waits: {message}"
    );
    assert_eq!(app.text("[data-testid=sync-unsent]").await, "1 ændring");
    app.screenshot_of_display("41-sync-offline");
    app.click("[data-testid=nav-concerns]").await;
    app.wait_for("[data-testid=concern-row] [data-sync=i_koe]")
        .await;

    // Back online: sent, shown as sent, counted by the service.
    server.start();
    app.click("[data-testid=nav-settings]").await;
    sync_now(&app).await;
    app.wait_until_within("!document.querySelector('[data-testid=sync-error]') && document.querySelector('[data-testid=sync-unsent]')?.textContent.includes('alt er sendt')", SYNC)
        .await;
    app.click("[data-testid=nav-concerns]").await;
    app.wait_for("[data-testid=concern-row] [data-sync=sendt]")
        .await;
    let year = chrono::Local::now().format("%Y").to_string();
    let stats = server.cli(&[
        "stats", "--period", "year", "--year", &year, "--format", "json",
    ]);
    let stats: Value = serde_json::from_str(&stats).expect("stats json");
    let count = |dimension: &str, value: &str| {
        stats["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["dimension"] == dimension && r["value"] == value)
            .and_then(|r| r["count"].as_u64())
            .unwrap_or(0)
    };
    let total = count("total", "alle");
    assert_eq!(
        count("unit", "Skole E2E"),
        1,
        "under the device's unit: {stats}"
    );
    assert_eq!(total, 1, "counted once: {stats}");

    // A signed release: shown in the app with its publisher.
    server.cli(&[
        "publish",
        beredskab_e2e::content_dir().to_str().expect("path"),
        "--key",
        server.key_file().to_str().expect("path"),
        "--publisher",
        "E2E Forvaltning",
    ]);
    app.click("[data-testid=nav-settings]").await;
    sync_now(&app).await;
    app.wait_until_within("document.querySelector('[data-testid=pack-release]')?.textContent.includes('E2E Forvaltning')", SYNC)
        .await;
    app.screenshot_of_display("42-sync-release");

    // A tampered release: refused, said in Danish, the content in use kept.
    store_tampered_release(&server, 2).await;
    sync_now(&app).await;
    app.wait_for_within("[data-testid=sync-error][data-code=release_tampered]", SYNC)
        .await;
    let message = app.text("[data-testid=sync-error]").await;
    assert!(message.contains("afvist"), "{message}");
    let pack = app.invoke("app_state_get", json!({})).await["ok"]["pack"].clone();
    assert_eq!(pack["release"]["number"], 1, "still release 1: {pack}");
    app.screenshot_of_display("43-sync-tampered");
    app.close().await;
    server.stop();
}
