//! Reading the pack in use: search, signs, cards, contacts, legal references.

use crate::error::ApiResult;
use crate::state::Ctx;
use beredskab_content::search::SearchResults;
use beredskab_domain::views::{CardSummary, CardView, SignsView};
use beredskab_domain::{Contact, LegalRef, PackMeta};
use tauri::State;

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn search_run(ctx: State<'_, Ctx>, query: String) -> ApiResult<SearchResults> {
    ctx.content(move |lib| lib.search(&query)).await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn sign_list(ctx: State<'_, Ctx>) -> ApiResult<SignsView> {
    ctx.content(|lib| Ok(lib.signs_view())).await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn card_list(ctx: State<'_, Ctx>) -> ApiResult<Vec<CardSummary>> {
    ctx.content(|lib| Ok(lib.cards())).await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn card_get(ctx: State<'_, Ctx>, id: String) -> ApiResult<CardView> {
    ctx.content(move |lib| lib.card_view(&id)).await
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn contact_list(ctx: State<'_, Ctx>) -> ApiResult<Vec<Contact>> {
    Ok(ctx.pack().contacts.clone())
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn legal_list(ctx: State<'_, Ctx>) -> ApiResult<Vec<LegalRef>> {
    Ok(ctx.pack().legal.clone())
}

#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn pack_meta_get(ctx: State<'_, Ctx>) -> ApiResult<PackMeta> {
    Ok(ctx.pack().meta.clone())
}
