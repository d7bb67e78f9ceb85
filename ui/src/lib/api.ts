// Typed wrappers around the Tauri commands. A failed call rejects with an ApiError.
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import type { ApiError, Commands, Locale, Problem } from '../bindings';

/** Code for errors that did not come from the backend; their message is technical detail. */
export const UI_ERROR = 'ui_error';

export function toApiError(e: unknown): ApiError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const o = e as { code: unknown; message: unknown; problems?: unknown };
    return {
      code: String(o.code),
      message: String(o.message),
      problems: Array.isArray(o.problems) ? (o.problems as Problem[]) : [],
    };
  }
  // Anything else is a failure on the UI side (e.g. no backend): no localised message to show.
  const detail = typeof e === 'string' ? e : e instanceof Error ? e.message : String(e);
  return { code: UI_ERROR, message: detail, problems: [] };
}

/** Calls a command with the argument and result types generated from Rust (bindings.ts). */
async function call<K extends keyof Commands>(cmd: K, args: Commands[K]['args']): Promise<Commands[K]['result']> {
  try {
    return await invoke<Commands[K]['result']>(cmd, args as InvokeArgs);
  } catch (e) {
    throw toApiError(e);
  }
}

export const api = {
  appState: () => call('app_state', {}),
  search: (query: string) => call('search', { query }),
  listSigns: () => call('list_signs', {}),
  listCards: () => call('list_cards', {}),
  getCard: (id: string) => call('get_card', { id }),
  listContacts: () => call('list_contacts', {}),
  listLegal: () => call('list_legal', {}),
  packMeta: () => call('pack_meta', {}),
  setLocale: (locale: Locale) => call('set_locale', { locale }),
  loadPackFromFolder: (path: string) => call('load_pack_from_folder', { path }),
  resetDefaultPack: () => call('reset_default_pack', {}),
  uiReady: () => call('ui_ready', {}),
};
