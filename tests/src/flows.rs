//! Steps several end-to-end tests share: typing that is checked, "Synkronisér
//! nu" once a running sync has ended, and a new vault enrolled with a service.

use crate::app::App;
use crate::server::Server;
use std::time::Duration;

/// A sync ends within its retries (a few seconds); this is the ceiling.
pub const SYNC: Duration = Duration::from_secs(40);

pub const PASSPHRASE: &str = "et langt kodeord til testen";

/// Types `text` and checks that the field holds it: on a loaded machine a
/// status refresh can redraw the form while keys are still arriving.
pub async fn type_into(app: &App, css: &str, text: &str) {
    for _ in 0..3 {
        let input = app.wait_for(css).await;
        // WebKitWebDriver will not type into a field below the fold.
        app.run(&format!(
            "document.querySelector('{css}').scrollIntoView({{ block: 'center' }});"
        ))
        .await;
        input.clear().await.expect("clear");
        input.send_keys(text).await.expect("type");
        let held = app.wait_for(css).await.prop("value").await.expect("value");
        if held.as_deref() == Some(text) {
            return;
        }
    }
    panic!("{css} would not hold {text:?}");
}

/// "Synkronisér nu", once a sync already running (a background one) has ended:
/// the button ignores clicks while it sends.
pub async fn sync_now(app: &App) {
    app.wait_until_within(
        "document.querySelector('[data-testid=sync-run]')?.getAttribute('aria-disabled') !== 'true'",
        SYNC,
    )
    .await;
    app.click("[data-testid=sync-run]").await;
}

/// A new vault, then enrollment in Indstillinger with `code` for `unit`.
pub async fn new_vault_enrolled(app: &App, base: &str, code: &str, unit: &str) {
    app.click("[data-testid=nav-concerns]").await;
    type_into(app, "[data-testid=vault-new-passphrase]", PASSPHRASE).await;
    type_into(app, "[data-testid=vault-repeat-passphrase]", PASSPHRASE).await;
    app.click("[data-testid=vault-setup]").await;
    app.wait_for("[data-screen=concerns]").await;
    app.click("[data-testid=nav-settings]").await;
    type_into(app, "[data-testid=sync-address]", base).await;
    type_into(app, "[data-testid=sync-code]", code.trim()).await;
    app.click("[data-testid=sync-enroll]").await;
    app.wait_for_within("[data-testid=sync-enrolled]", SYNC)
        .await;
    app.wait_until(&format!(
        "document.querySelector('[data-testid=sync-unit]')?.textContent.includes('{unit}')"
    ))
    .await;
}

/// The app with a fresh data folder, trusting the publisher key of `server`.
pub async fn app_trusting(server: &Server) -> App {
    App::start_with_env(
        tempfile::tempdir().expect("data dir"),
        &[(
            "BEREDSKAB_PUBLISHER_KEYS",
            server.trusted_keys_file().as_os_str(),
        )],
    )
    .await
}
