// Where a concern is on its way to the central service, in words. Pure: the keys are chosen here,
// the words by the caller (so it can be tested without a screen, and check-i18n sees every key).
import type { SyncState } from '../../bindings';

/** The backend's states, plus `sendes`: queued while a sync is running. */
export type ShownSyncState = SyncState | 'sendes';

export const syncStateKey: Record<ShownSyncState, string> = {
  kladde: 'ui.sync_state.kladde',
  i_koe: 'ui.sync_state.i_koe',
  sendes: 'ui.sync_state.sendes',
  sendt: 'ui.sync_state.sendt',
  afvist: 'ui.sync_state.afvist',
};

/** One sentence on what the state means, for the concern's own page. */
export const syncStateExplainKey: Record<Exclude<ShownSyncState, 'afvist'>, string> = {
  kladde: 'ui.sync_state.kladde_explain',
  i_koe: 'ui.sync_state.i_koe_explain',
  sendes: 'ui.sync_state.sendes_explain',
  sendt: 'ui.sync_state.sendt_explain',
};

/** The service's reasons for refusing (or keeping for review) a change, by its stable code. */
export const refusalKey: Record<string, string> = {
  revision_conflict: 'ui.sync_refusal.revision_conflict',
  upload_id_reused: 'ui.sync_refusal.upload_id_reused',
  not_yours: 'ui.sync_refusal.not_yours',
  bad_unit: 'ui.sync_refusal.bad_unit',
  bad_list: 'ui.sync_refusal.bad_list',
  bad_revision: 'ui.sync_refusal.bad_revision',
  bad_id: 'ui.sync_refusal.bad_id',
  format_chars: 'ui.sync_refusal.format_chars',
  cpr_in_unit: 'ui.sync_refusal.cpr_in_unit',
  missing_concern: 'ui.sync_refusal.missing_concern',
  unexpected_concern: 'ui.sync_refusal.unexpected_concern',
  incomplete: 'ui.sync_refusal.incomplete',
};

/** A text to look up, with its placeholders. */
export type Text = { key: string; vars?: Record<string, string> };

export type ConcernSyncView = {
  state: ShownSyncState;
  label: Text;
  /** Why the service refused it; only for `afvist`. */
  reason: Text | null;
};

/** `i_koe` reads as `sendes` while a sync is running; the rest as the backend says. */
export function shownSyncState(sync: SyncState, sending: boolean): ShownSyncState {
  return sync === 'i_koe' && sending ? 'sendes' : sync;
}

/** The reason for a refusal: a known code in words, an unknown one named for IT operations. */
export function refusalReason(code: string | null): Text {
  if (code === null || code.trim() === '') return { key: 'ui.sync_refusal.no_code' };
  // Own keys only: a code such as "constructor" must not find Object.prototype's.
  if (Object.prototype.hasOwnProperty.call(refusalKey, code)) return { key: refusalKey[code]! };
  return { key: 'ui.sync_refusal.unknown', vars: { code } };
}

/** Everything the list and the concern's page show about its sync. */
export function concernSyncView(sync: SyncState, syncCode: string | null, sending: boolean): ConcernSyncView {
  const state = shownSyncState(sync, sending);
  return {
    state,
    label: { key: syncStateKey[state] },
    reason: state === 'afvist' ? refusalReason(syncCode) : null,
  };
}
