//! Issue 9 end to end: an adult's guided flow shows the duty to notify only
//! when children live in the household; search forgives ae/oe and a typo and
//! offers "Mente du …?"; every contact says either when a person checked it or
//! that it must be verified — never both — and who may call it.

use beredskab_e2e::App;
use serde_json::json;

async fn adult_flow(app: &App, household: &str) {
    app.click("[data-testid=nav-guided]").await;
    // The flow keeps its answers when you leave it; start again from the top.
    if present(app, "[data-testid=guided-restart]").await {
        app.click("[data-testid=guided-restart]").await;
    }
    app.click("[data-testid=guided-target-voksen]").await;
    app.click("[data-testid=guided-next]").await;
    app.click(&format!("[data-testid=guided-household-{household}]"))
        .await;
    app.click("[data-testid=guided-next]").await;
    app.click("[data-testid=guided-role-jobkonsulent_sagsbehandler]")
        .await;
    app.click("[data-testid=guided-next]").await;
    app.click("[data-testid=guided-sign]").await;
    app.click("[data-testid=guided-next]").await;
    app.click("[data-testid=guided-acute-no]").await;
    app.click("[data-testid=guided-next]").await;
    app.wait_for("[data-testid=guided-result]").await;
}

async fn present(app: &App, css: &str) -> bool {
    app.run(&format!("return document.querySelector('{css}') !== null;"))
        .await
        == json!(true)
}

#[tokio::test]
async fn an_adult_flow_shows_the_duty_to_notify_only_for_children_in_the_household() {
    let app = App::start().await;

    adult_flow(&app, "nej").await;
    assert!(!present(&app, "[data-testid=guided-notify]").await);
    assert!(!present(&app, "[data-testid=guided-household-unknown]").await);

    adult_flow(&app, "ja").await;
    let notify = app.text("[data-testid=guided-notify]").await;
    assert!(notify.contains("133"), "{notify}");
    app.screenshot("21-guided-adult-children").await;

    adult_flow(&app, "ved_ikke").await;
    assert!(!present(&app, "[data-testid=guided-notify]").await);
    let unknown = app.text("[data-testid=guided-household-unknown]").await;
    assert!(!unknown.is_empty());
    app.close().await;
}

#[tokio::test]
async fn search_forgives_english_keyboards_and_typos_and_says_what_was_meant() {
    let app = App::start().await;
    let input = app.wait_for("[data-testid=search-input]").await;

    input.send_keys("tvangsaegteskab").await.expect("type");
    app.wait_until("document.querySelector('[data-testid=search-result]')")
        .await;
    assert!(!present(&app, "[data-testid=search-suggestion]").await);

    input.clear().await.expect("clear");
    input.send_keys("underretnimg").await.expect("type");
    app.wait_for("[data-testid=search-suggestion]").await;
    app.screenshot("22-search-did-you-mean").await;
    app.click("[data-testid=search-suggestion-button]").await;
    app.wait_until(
        "document.querySelector('[data-testid=search-input]').value.startsWith('underretning') \
         && !document.querySelector('[data-testid=search-suggestion]')",
    )
    .await;
    app.close().await;
}

#[tokio::test]
async fn each_contact_is_either_checked_or_to_be_verified_and_says_who_may_call() {
    let app = App::start().await;
    app.click("[data-testid=nav-contacts]").await;
    app.wait_for("[data-testid=contact-item]").await;
    let contacts = app.invoke("contact_list", json!({})).await;
    let expected = contacts["ok"].as_array().expect("contacts").len();
    let shown = app
        .run(
            "return [...document.querySelectorAll('[data-testid=contact-item]')].map(c => ({
               id: c.dataset.id,
               verification: [...c.querySelectorAll('[data-testid=contact-verification]')].map(v => v.dataset.verified),
               text: c.textContent,
               audience: c.querySelectorAll('[data-testid=contact-audience] .badge').length,
             }));",
        )
        .await;
    let shown = shown.as_array().expect("contacts shown");
    assert_eq!(shown.len(), expected);
    for contact in shown {
        let verification = contact["verification"].as_array().expect("list");
        assert_eq!(verification.len(), 1, "one verification line: {contact}");
        let text = contact["text"].as_str().unwrap_or_default();
        let checked = text.contains("Senest kontrolleret");
        let unchecked = text.contains("Skal verificeres");
        assert!(checked != unchecked, "exactly one of the two: {contact}");
        assert_eq!(verification[0] == "true", checked, "{contact}");
        assert!(
            contact["audience"].as_u64() > Some(0),
            "who may call: {contact}"
        );
    }
    app.screenshot("23-contacts-verification").await;
    app.close().await;
}
