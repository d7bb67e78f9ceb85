//! Issue 10 end to end, the real app and the real `beredskab-server`: an
//! activity recorded in the app while the service is down waits in the
//! queue, is sent when it is back, and is counted against the plan's target
//! in the yearly report the service makes.

use beredskab_e2e::flows::{app_trusting, new_vault_enrolled, sync_now, type_into, SYNC};
use beredskab_e2e::{App, Server};
use serde_json::Value;

/// Chooses `value` in a select as a person would: the value, then `change`.
async fn choose(app: &App, css: &str, value: &str) {
    app.wait_for(css).await;
    app.run(&format!(
        "const s = document.querySelector('{css}'); s.value = '{value}'; \
         s.dispatchEvent(new Event('change', {{ bubbles: true }})); return s.value;"
    ))
    .await;
    app.wait_until(&format!(
        "document.querySelector('{css}')?.value === '{value}'"
    ))
    .await;
}

fn report_json(server: &Server, year: &str) -> Value {
    let json = server.cli(&["report", "--year", year, "--format", "json"]);
    serde_json::from_str(&json).expect("report json")
}

fn rights_courses(report: &Value) -> Value {
    report["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .find(|t| t["id"] == "rettighedskurser")
        .map(|t| t["figure"].clone())
        .expect("the plan's rights-course target")
}

#[tokio::test]
async fn an_activity_recorded_offline_is_counted_in_the_yearly_report() {
    let mut server = Server::init();
    let base = server.start();
    let code = server.cli(&["enroll", "--unit", "Jobcenter E2E"]);
    let app = app_trusting(&server).await;
    new_vault_enrolled(&app, &base, &code, "Jobcenter E2E").await;
    // One sync with nothing to send: the service has heard from the unit this year.
    sync_now(&app).await;
    app.wait_until_within("!document.querySelector('[data-testid=sync-error]') && document.querySelector('[data-testid=sync-unsent]')?.textContent.includes('alt er sendt')", SYNC)
        .await;
    let year = chrono::Local::now().format("%Y").to_string();
    // Until a device has synced this year the report says "ingen data", not 0.
    let zero = serde_json::json!({ "kind": "count", "value": 0 });
    let mut before = Value::Null;
    for _ in 0..40 {
        before = report_json(&server, &year);
        if rights_courses(&before) == zero {
            break;
        }
        assert_eq!(rights_courses(&before)["kind"], "no_data", "{before}");
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
    assert_eq!(rights_courses(&before), zero);

    // Offline: a rights course for 14 people in a housing area.
    server.stop();
    app.click("[data-testid=nav-activities]").await;
    choose(&app, "[data-testid=activity-type]", "rettighedskursus").await;
    choose(&app, "[data-testid=activity-place]", "boligomraade").await;
    type_into(&app, "[data-testid=activity-title]", "Rettighedskursus E2E").await;
    type_into(&app, "[data-testid=activity-participants]", "14").await;
    type_into(&app, "[data-testid=activity-organisations]", "1").await;
    app.click("[data-testid=activity-save]").await;
    app.wait_for_within("[data-testid=activity-row][data-sync=i_koe]", SYNC)
        .await;
    app.screenshot_of_display("51-activity-queued");

    // A title that lists people is refused, in Danish, beside the field; nothing is saved.
    type_into(&app, "[data-testid=activity-title]", "Ali, Sara og Peter").await;
    app.click("[data-testid=activity-save]").await;
    app.wait_for("[data-testid=activity-error][data-field=title]")
        .await;
    let said = app
        .text("[data-testid=activity-error][data-field=title]")
        .await;
    assert!(said.contains("personer"), "{said}");
    assert_eq!(app.find_all("[data-testid=activity-row]").await.len(), 1);

    // Back online: sent, and counted once in the report.
    server.start();
    app.click("[data-testid=nav-settings]").await;
    sync_now(&app).await;
    app.wait_until_within("!document.querySelector('[data-testid=sync-error]') && document.querySelector('[data-testid=sync-unsent]')?.textContent.includes('alt er sendt')", SYNC)
        .await;
    app.click("[data-testid=nav-activities]").await;
    app.wait_for("[data-testid=activity-row][data-sync=sendt]")
        .await;
    let after = report_json(&server, &year);
    assert_eq!(
        rights_courses(&after),
        serde_json::json!({ "kind": "count", "value": 1 })
    );
    let csv = server.cli(&["report", "--year", &year, "--format", "csv"]);
    assert!(csv.contains("mål;rettighedskurser;Året;1\r\n"), "{csv}");
    app.screenshot_of_display("52-activity-sent");
    app.close().await;
    server.stop();
}
