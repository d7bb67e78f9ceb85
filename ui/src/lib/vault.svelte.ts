import type { ApiError, VaultState, VaultStatus } from '../bindings';
import { api, toApiError } from './api';

/** How often a vault screen asks whether the backend has locked the vault after idle time. */
export const POLL_MS = 15_000;

/** Minimum passphrase length; the backend checks it too (`weak_passphrase`). */
export const MIN_PASSPHRASE = 12;

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
    // The vault screens' next poll brings the rest of the status up to date.
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
