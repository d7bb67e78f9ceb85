// Typed wrappers around the backend's commands and events, the only place that names them.
// A failed call rejects with an ApiError.
import { backend } from './backend/backend';
import type {
  ApiError,
  Commands,
  ConcernData,
  ConcernFilter,
  FieldError,
  GuidanceInput,
  Locale,
  Problem,
  VaultStatus,
  ViewPurpose,
} from '../bindings';

/** Code for errors that did not come from the backend; their message is technical detail. */
export const UI_ERROR = 'ui_error';

export function toApiError(e: unknown): ApiError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const o = e as { code: unknown; message: unknown; problems?: unknown; fields?: unknown };
    return {
      code: String(o.code),
      message: String(o.message),
      problems: Array.isArray(o.problems) ? (o.problems as Problem[]) : [],
      fields: Array.isArray(o.fields) ? (o.fields as FieldError[]) : [],
    };
  }
  // Anything else is a failure on the UI side (e.g. no backend): no localised message to show.
  const detail = typeof e === 'string' ? e : e instanceof Error ? e.message : String(e);
  return { code: UI_ERROR, message: detail, problems: [], fields: [] };
}

/** Calls a command with the argument and result types generated from Rust (bindings.ts). */
async function call<K extends keyof Commands>(cmd: K, args: Commands[K]['args']): Promise<Commands[K]['result']> {
  try {
    return await backend().invoke<Commands[K]['result']>(cmd, args);
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

  guidance: (input: GuidanceInput) => call('guidance', { input }),

  vaultStatus: () => call('vault_status', {}),
  vaultSetup: (passphrase: string) => call('vault_setup', { passphrase }),
  vaultUnlock: (passphrase: string) => call('vault_unlock', { passphrase }),
  vaultLock: () => call('vault_lock', {}),
  vaultChangePassphrase: (old: string, next: string) => call('vault_change_passphrase', { old, new: next }),
  vaultReset: (confirmUnsynced: number) => call('vault_reset', { confirmUnsynced }),
  vaultSetIdleMinutes: (minutes: number) => call('vault_set_idle_minutes', { minutes }),
  vaultSetRetentionDays: (days: number) => call('vault_set_retention_days', { days }),

  concernCheck: (data: ConcernData) => call('concern_check', { data }),
  concernSaveDraft: (id: string | null, data: ConcernData) => call('concern_save_draft', { id, data }),
  concernRegister: (id: string | null, data: ConcernData, acknowledgeCpr: boolean) =>
    call('concern_register', { id, data, acknowledgeCpr }),
  concernUpdate: (id: string, data: ConcernData, acknowledgeCpr: boolean) =>
    call('concern_update', { id, data, acknowledgeCpr }),
  concernList: (filter: ConcernFilter) => call('concern_list', { filter }),
  concernOpen: (id: string, purpose: ViewPurpose) => call('concern_open', { id, purpose }),
  concernDelete: (id: string) => call('concern_delete', { id }),
  auditLog: (limit: number) => call('audit_log', { limit }),

  /** The system's folder dialog; resolves to null when the user cancels. */
  pickFolder: (title: string) => backend().pickFolder(title),
};

/** Events the backend pushes. Each resolves to a function that stops listening. */
export const events = {
  /** The vault's status changed: locked after idle time, or by any command, wherever it came from. */
  vaultStatusChanged: (handler: (status: VaultStatus) => void) =>
    backend().listen<VaultStatus>('vault-status-changed', handler),
};
