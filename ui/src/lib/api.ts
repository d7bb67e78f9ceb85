// The backend's commands and events as the screens use them. Argument and result types come
// from Rust through the generated bindings; every call goes through the Backend (backend/ipc.ts)
// and a failed call rejects with an ApiError.
import {
  commands,
  EVENT_SYNC_STATUS_CHANGED,
  EVENT_VAULT_STATUS_CHANGED,
  type SyncStatus,
  type VaultStatus,
} from '../bindings';
import { backend } from './backend/backend';

export { toApiError, UI_ERROR, type ApiError } from './apiError';

export const api = {
  appState: commands.appStateGet,
  search: commands.searchRun,
  listSigns: commands.signList,
  listCards: commands.cardList,
  getCard: commands.cardGet,
  listContacts: commands.contactList,
  listLegal: commands.legalList,
  packMeta: commands.packMetaGet,
  setLocale: commands.localeSet,
  loadPackFromFolder: commands.packFolderLoad,
  resetDefaultPack: commands.packDefaultRestore,
  uiReady: commands.uiReadyReport,

  guidance: commands.guidanceGet,

  vaultStatus: commands.vaultStatusGet,
  vaultSetup: commands.vaultSetup,
  vaultUnlock: commands.vaultUnlock,
  vaultLock: commands.vaultLock,
  vaultChangePassphrase: commands.vaultPassphraseChange,
  vaultReset: commands.vaultReset,
  vaultSetIdleMinutes: commands.vaultIdleMinutesSet,
  vaultSetRetentionDays: commands.vaultRetentionDaysSet,

  concernCheck: commands.concernCheck,
  concernSaveDraft: commands.concernDraftSave,
  concernRegister: commands.concernRegister,
  concernUpdate: commands.concernUpdate,
  concernList: commands.concernList,
  concernOpen: commands.concernOpen,
  concernDelete: commands.concernDelete,
  concernRedact: commands.concernRedact,
  auditLog: commands.auditList,

  activityList: commands.activityList,
  activitySave: commands.activitySave,
  activityDelete: commands.activityDelete,

  syncStatus: commands.syncStatusGet,
  syncEnroll: commands.syncEnroll,
  syncRun: commands.syncRun,

  /** The system's folder dialog; resolves to null when the user cancels. */
  pickFolder: (title: string) => backend().pickFolder(title),
};

/** Events the backend pushes. Each resolves to a function that stops listening. */
export const events = {
  /** The vault's status changed: locked after idle time, or by any command, wherever it came from. */
  vaultStatusChanged: (handler: (status: VaultStatus) => void) =>
    backend().listen<VaultStatus>(EVENT_VAULT_STATUS_CHANGED, handler),
  /** A sync started or ended (in the background or on request): the status as it now is. */
  syncStatusChanged: (handler: (status: SyncStatus) => void) =>
    backend().listen<SyncStatus>(EVENT_SYNC_STATUS_CHANGED, handler),
};
