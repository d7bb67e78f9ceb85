//! Reading the pack in use: search, signs, cards, contacts, legal references.

use super::library;
use crate::error::ApiResult;
use crate::state::AppCtx;
use beredskab_core::search::SearchHit;
use beredskab_core::views::{CardSummary, CardView, SignsView};
use beredskab_core::{Contact, LegalRef, PackMeta};
use tauri::State;

#[tauri::command]
pub fn search(ctx: State<'_, AppCtx>, query: String) -> ApiResult<Vec<SearchHit>> {
    Ok(library(&ctx)?.search(&query)?)
}

#[tauri::command]
pub fn list_signs(ctx: State<'_, AppCtx>) -> ApiResult<SignsView> {
    Ok(library(&ctx)?.signs_view())
}

#[tauri::command]
pub fn list_cards(ctx: State<'_, AppCtx>) -> ApiResult<Vec<CardSummary>> {
    Ok(library(&ctx)?.cards())
}

#[tauri::command]
pub fn get_card(ctx: State<'_, AppCtx>, id: String) -> ApiResult<CardView> {
    Ok(library(&ctx)?.card_view(&id)?)
}

#[tauri::command]
pub fn list_contacts(ctx: State<'_, AppCtx>) -> ApiResult<Vec<Contact>> {
    Ok(library(&ctx)?.pack().contacts.clone())
}

#[tauri::command]
pub fn list_legal(ctx: State<'_, AppCtx>) -> ApiResult<Vec<LegalRef>> {
    Ok(library(&ctx)?.pack().legal.clone())
}

#[tauri::command]
pub fn pack_meta(ctx: State<'_, AppCtx>) -> ApiResult<PackMeta> {
    Ok(library(&ctx)?.pack().meta.clone())
}
