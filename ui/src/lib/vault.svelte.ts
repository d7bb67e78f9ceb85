import { MIN_PASSPHRASE_CHARS, type VaultState, type VaultStatus } from '../bindings';
import type { ApiError } from './apiError';
import { api, events, toApiError } from './api';

/** Minimum passphrase length: the backend's own rule, from the bindings. */
export const MIN_PASSPHRASE = MIN_PASSPHRASE_CHARS;

/** The vault's state as last reported by the backend. Holds no record data. */
class VaultStore {
  status = $state.raw<VaultStatus | null>(null);
  error = $state.raw<ApiError | null>(null);
  /** Set when the vault locked while the user was working in it (idle lock, header button). */
  lockedWhileOpen = $state(false);
  /** Set after a reset, so the set-up form can say what happened. */
  wasReset = $state(false);

  get state(): VaultState | null {
    return this.status?.state ?? null;
  }

  get unlocked(): boolean {
    return this.status?.state === 'unlocked';
  }

  apply(next: VaultStatus): void {
    if (this.status?.state === 'unlocked' && next.state === 'locked') this.lockedWhileOpen = true;
    if (next.state === 'unlocked') {
      this.lockedWhileOpen = false;
      this.wasReset = false;
    }
    this.status = next;
    this.error = null;
  }

  async refresh(): Promise<void> {
    try {
      this.apply(await api.vaultStatus());
    } catch (e) {
      this.error = toApiError(e);
    }
  }

  /** A vault command answered `vault_locked`: show the unlock form. */
  lockedByBackend(): void {
    // Not asking again at once: a status that disagrees would remount the screen in a loop.
    // The next pushed status, or the next refresh, brings the rest of it up to date.
    if (this.status) this.apply({ ...this.status, state: 'locked' });
    else void this.refresh();
  }

  async lock(): Promise<void> {
    try {
      this.apply(await api.vaultLock());
    } catch (e) {
      this.error = toApiError(e);
    }
  }
}

export const vault = new VaultStore();

/**
 * Keeps `vault` true to the backend from start-up on: the backend pushes every change of the
 * status (an idle lock included) as `vault-status-changed`, so nothing polls. Returning to the
 * app asks once more, in case a push was missed while the window was in the background.
 */
export function followVault(): void {
  events.vaultStatusChanged((status) => vault.apply(status)).catch((e: unknown) => {
    // No push channel (e.g. the window may not listen to events): the refreshes and the
    // commands' answers still keep the status current, only an idle lock shows later.
    // Nothing the user can do about it, so it is for the developer's console only.
    console.warn('vault-status-changed: cannot listen', e);
  });
  window.addEventListener('focus', () => void vault.refresh());
}

/** Runs a vault command; on `vault_locked` the vault screens fall back to the unlock form. */
export async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const error = toApiError(e);
    if (error.code === 'vault_locked') vault.lockedByBackend();
    throw error;
  }
}
