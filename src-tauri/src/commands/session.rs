//! The app's state for the UI: pack info, language, start-up notices.

use crate::error::ApiResult;
use crate::state::Ctx;
use beredskab_content::NoticeCode;
use beredskab_domain::views::PackInfo;
use beredskab_domain::Locale;
use beredskab_i18n::code_message;
use serde::Serialize;
use specta::Type;
use tauri::State;

/// Set by the cold-start benchmark: print the time to the first rendered screen and quit.
const EXIT_ON_READY_ENV: &str = "BEREDSKAB_EXIT_ON_READY";

/// Something the user should know, in their language.
#[derive(Debug, Clone, Serialize, Type)]
pub struct NoticeView {
    pub code: NoticeCode,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct AppState {
    pub pack: PackInfo,
    pub locale: Locale,
    pub notices: Vec<NoticeView>,
}

fn app_state(ctx: &Ctx, pack: PackInfo) -> AppState {
    let locale = ctx.locale();
    AppState {
        pack,
        locale,
        notices: ctx
            .notices
            .iter()
            .map(|n| {
                let args: Vec<(&str, &str)> = n
                    .args
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                NoticeView {
                    code: n.code,
                    message: code_message(locale, "notices", &n.code, &args),
                }
            })
            .collect(),
    }
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn app_state_get(ctx: State<'_, Ctx>) -> ApiResult<AppState> {
    let pack = ctx.content(|lib| Ok(lib.info())).await?;
    Ok(app_state(&ctx, pack))
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn locale_set(ctx: State<'_, Ctx>, locale: Locale) -> ApiResult<AppState> {
    let pack = ctx
        .content(move |lib| {
            lib.set_locale(locale)?;
            Ok(lib.info())
        })
        .await?;
    ctx.set_locale(locale);
    Ok(app_state(&ctx, pack))
}

/// The UI reports its first complete screen (the home screen with its cards).
#[tauri::command]
#[specta::specta]
pub async fn ui_ready_report(ctx: State<'_, Ctx>) -> ApiResult<()> {
    let ms = ctx.started.elapsed().as_millis();
    tracing::info!(ms, "first screen rendered");
    if std::env::var_os(EXIT_ON_READY_ENV).is_some() {
        println!("ready_ms={ms}");
        std::process::exit(0);
    }
    Ok(())
}
