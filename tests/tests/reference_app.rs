//! The reference app end to end: the real release binary in WebKit under Xvfb.
//! Each test starts its own app on its own temp data dir.

use beredskab_e2e::App;
use serde_json::{json, Value};

async fn search(app: &App, query: &str) {
    let input = app.wait_for("[data-testid=search-input]").await;
    input.clear().await.expect("clear");
    input.send_keys(query).await.expect("type");
    app.wait_until("document.querySelector('[data-testid=search-result]')")
        .await;
}

fn assert_no_violations(screen: &str, violations: &[String]) {
    assert!(
        violations.is_empty(),
        "axe found WCAG 2.1 A/AA violations on {screen}:\n{}",
        violations.join("\n")
    );
}

#[tokio::test]
async fn search_tvangsaegteskab_and_open_the_card() {
    let app = App::start().await;
    app.wait_until(
        "document.activeElement && document.activeElement.dataset.testid === 'search-input'",
    )
    .await;
    app.screenshot("01-home").await;
    assert_no_violations("home", &app.axe_violations().await);

    search(&app, "tvangsægteskab").await;
    app.screenshot("02-search-tvangsaegteskab").await;
    assert_no_violations("search results", &app.axe_violations().await);
    let first_card = app
        .wait_for("[data-testid=search-result][data-kind=card]")
        .await;
    let marked = app.run("return [...document.querySelectorAll('[data-testid=search-result] mark')].map(m => m.textContent.toLowerCase());").await;
    assert!(
        marked.as_array().is_some_and(|m| m
            .iter()
            .any(|w| w.as_str().unwrap_or_default().starts_with("tvangsægteskab"))),
        "no highlighted match: {marked}"
    );
    let id = first_card
        .attr("data-id")
        .await
        .expect("attr")
        .expect("data-id");
    first_card.click().await.expect("open card");

    app.wait_for("[data-screen=card]").await;
    let expected = app.invoke("card_get", json!({ "id": id })).await;
    let title = app.text("[data-testid=card-title]").await;
    assert_eq!(Value::String(title), expected["ok"]["card"]["title"]);
    let steps = app.find_all("[data-testid=card-steps] li").await;
    assert_eq!(
        steps.len(),
        expected["ok"]["card"]["steps"]
            .as_array()
            .map_or(0, Vec::len)
    );
    app.screenshot("03-card").await;
    assert_no_violations("card", &app.axe_violations().await);
    app.close().await;
}

#[tokio::test]
async fn signs_filter_by_target_group_and_category() {
    let app = App::start().await;
    app.click("[data-testid=nav-signs]").await;
    app.wait_for("[data-screen=signs] [data-testid=sign-item]")
        .await;
    let view = app.invoke("sign_list", json!({})).await;
    let signs = view["ok"]["signs"].as_array().cloned().expect("signs");
    assert_eq!(
        app.find_all("[data-testid=sign-item]").await.len(),
        signs.len()
    );
    let tiers = app.run("return [...document.querySelectorAll('[data-testid=sign-item]')].map(e => e.dataset.tier);").await;
    assert!(
        tiers.as_array().is_some_and(
            |t| t.iter().any(|x| x == "handl_nu") && t.iter().any(|x| x == "flere_tegn")
        ),
        "{tiers}"
    );

    let adults = signs
        .iter()
        .filter(|s| {
            s["target_groups"]
                .as_array()
                .is_some_and(|g| g.contains(&json!("voksen")))
        })
        .count();
    app.wait_for("[data-testid=filter-target]")
        .await
        .select_by_value("voksen")
        .await
        .expect("select");
    app.wait_until(&format!(
        "document.querySelectorAll('[data-testid=sign-item]').length === {adults}"
    ))
    .await;

    let category = signs[0]["category"].as_str().expect("category").to_string();
    let both = signs
        .iter()
        .filter(|s| {
            s["category"] == category.as_str()
                && s["target_groups"]
                    .as_array()
                    .is_some_and(|g| g.contains(&json!("voksen")))
        })
        .count();
    app.wait_for("[data-testid=filter-category]")
        .await
        .select_by_value(&category)
        .await
        .expect("select");
    app.wait_until(&format!(
        "document.querySelectorAll('[data-testid=sign-item]').length === {both}"
    ))
    .await;
    app.screenshot("04-signs-filtered").await;
    assert_no_violations("signs", &app.axe_violations().await);
    app.close().await;
}

#[tokio::test]
async fn open_a_card_from_the_list_and_print_it() {
    let app = App::start().await;
    app.click("[data-testid=nav-cards]").await;
    app.wait_for("[data-screen=cards]").await;
    app.click("[data-screen=cards] a[href^='#/kort/']").await;
    app.wait_for("[data-testid=card-title]").await;
    app.wait_for("[data-testid=card-contacts]").await;
    app.click("[data-testid=print-card]").await;
    app.wait_for("[data-testid=print-view]").await;
    let nav_visible = app.run("const n = document.querySelector('[data-testid=nav-signs]'); return !!(n && n.offsetParent);").await;
    assert_eq!(
        nav_visible,
        Value::Bool(false),
        "the print view has no navigation"
    );
    let steps = app.find_all("[data-testid=print-view] ol li").await;
    assert!(!steps.is_empty(), "the print view shows the steps");
    app.screenshot("05-print-view").await;
    app.close().await;
}

#[tokio::test]
async fn switch_to_english_and_back() {
    let app = App::start().await;
    let danish = app.text("[data-testid=nav-signs]").await;
    app.click("[data-testid=nav-settings]").await;
    app.wait_for("[data-testid=locale-select]")
        .await
        .select_by_value("en")
        .await
        .expect("select");
    app.wait_until("document.documentElement.lang === 'en'")
        .await;
    let english = app.text("[data-testid=nav-signs]").await;
    assert_ne!(danish, english);
    let stored = app.invoke("app_state_get", json!({})).await;
    assert_eq!(
        stored["ok"]["locale"], "en",
        "the choice is kept by the backend"
    );
    let storage = app
        .run("return localStorage.length + sessionStorage.length;")
        .await;
    assert_eq!(
        storage,
        json!(0),
        "nothing is kept in the webview's storage"
    );
    app.screenshot("06-settings-english").await;
    app.wait_for("[data-testid=locale-select]")
        .await
        .select_by_value("da")
        .await
        .expect("select");
    app.wait_until("document.documentElement.lang === 'da'")
        .await;
    assert_eq!(app.text("[data-testid=nav-signs]").await, danish);
    app.close().await;
}

#[tokio::test]
async fn an_invalid_pack_is_refused_with_every_problem_and_the_old_pack_stays() {
    let app = App::start().await;
    let before = app.invoke("app_state_get", json!({})).await["ok"]["pack"].clone();
    let broken = tempfile::tempdir().expect("dir");
    std::fs::write(
        broken.path().join("pack.toml"),
        "format = 1\nversion = \"2.0.0\"\n",
    )
    .expect("write");
    app.click("[data-testid=nav-settings]").await;
    let input = app.wait_for("[data-testid=pack-path]").await;
    input
        .send_keys(&broken.path().display().to_string())
        .await
        .expect("type");
    app.screenshot("07-settings-pack-path").await;
    app.click("[data-testid=pack-load]").await;
    app.wait_until("document.querySelectorAll('[data-testid=pack-problems] li').length > 0")
        .await;
    let listed = app.find_all("[data-testid=pack-problems] li").await.len();
    let direct = app
        .invoke("pack_folder_load", json!({ "path": broken.path() }))
        .await;
    assert_eq!(direct["err"]["code"], "pack_invalid");
    assert_eq!(
        listed,
        direct["err"]["problems"].as_array().map_or(0, Vec::len)
    );
    app.screenshot("07-invalid-pack").await;
    let after = app.invoke("app_state_get", json!({})).await["ok"]["pack"].clone();
    assert_eq!(before, after, "the pack in use is unchanged");
    app.close().await;
}

#[tokio::test]
async fn a_corrupt_database_is_rebuilt_and_the_app_says_so() {
    let data = tempfile::tempdir().expect("dir");
    std::fs::write(data.path().join("beredskab.db"), vec![0x42u8; 8192]).expect("corrupt");
    let app = App::start_with(data).await;
    let notice = app.text("[data-testid=notice]").await;
    let state = app.invoke("app_state_get", json!({})).await;
    assert_eq!(state["ok"]["notices"][0]["code"], "store_rebuilt");
    let message = state["ok"]["notices"][0]["message"]
        .as_str()
        .expect("message");
    assert!(
        notice.contains(message),
        "the notice {notice:?} shows {message:?}"
    );
    search(&app, "akut").await;
    app.screenshot("08-store-rebuilt").await;
    app.close().await;
}

#[tokio::test]
async fn keyboard_only_from_search_to_card_and_back_to_the_signs() {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    use fantoccini::key::Key;
    let app = App::start().await;
    app.wait_until(
        "document.activeElement && document.activeElement.dataset.testid === 'search-input'",
    )
    .await;
    let input = app.wait_for("[data-testid=search-input]").await;
    input.send_keys("underretning").await.expect("type");
    app.wait_until("document.querySelector('[data-testid=search-result]')")
        .await;
    input
        .send_keys(&Key::Down.to_string())
        .await
        .expect("arrow down");
    app.wait_until(
        "document.activeElement && document.activeElement.dataset.testid === 'search-result'",
    )
    .await;
    let id = app.run("return document.activeElement.dataset.id;").await;
    let focused = app.client.active_element().await.expect("focused element");
    focused
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("enter");
    app.wait_for("[data-screen=card]").await;
    let title = app.invoke("card_get", json!({ "id": id })).await["ok"]["card"]["title"].clone();
    assert_eq!(
        Value::String(app.text("[data-testid=card-title]").await),
        title
    );

    // Tab from the top of the page reaches the skip link first, then the acute banner.
    app.run("document.activeElement.blur(); window.scrollTo(0, 0);")
        .await;
    let tab = KeyActions::new("keyboard".into())
        .then(KeyAction::Down {
            value: Key::Tab.into(),
        })
        .then(KeyAction::Up {
            value: Key::Tab.into(),
        });
    app.client.perform_actions(tab).await.expect("tab");
    let first = app
        .run("return document.activeElement.getAttribute('href');")
        .await;
    assert_eq!(first, json!("#main"), "the first Tab stop is the skip link");
    app.close().await;
}
