import { untrack } from 'svelte';
import type { PackInfo, SyncStatus } from '../../bindings';
import type { ApiError } from '../apiError';
import { api, events, toApiError } from '../api';
import { app } from '../app.svelte';
import { guarded } from '../vault.svelte';

/**
 * Sync with the central service as last reported by the backend. Holds no record data: the
 * address, the unit, counts and the last error's words. Kept in memory only.
 */
class SyncStore {
  status = $state.raw<SyncStatus | null>(null);
  /** The status could not be read, or "Synkronisér nu" failed on the UI side. */
  error = $state.raw<ApiError | null>(null);
  /** "Synkronisér nu" was pressed and has not answered yet. */
  requested = $state(false);
  /** Grows each time a sync ends (sending goes from true to false). */
  ended = $state(0);
  /** Grows when a sync that ended may have changed concerns' states (the queue moved, or a wipe). */
  concernsChanged = $state(0);

  // Not shown, so not reactive: what the last look at `sending` saw.
  private wasSending = false;
  private unsentAtStart: number | null = null;

  get enrolled(): boolean {
    return (this.status?.address ?? null) !== null;
  }

  /** A sync is running, or the user has asked for one. */
  get sending(): boolean {
    return this.requested || (this.status?.sending ?? false);
  }

  apply(next: SyncStatus): void {
    this.status = next;
    this.error = null;
    this.noteSending();
  }

  async refresh(): Promise<void> {
    try {
      this.apply(await api.syncStatus());
    } catch (e) {
      this.error = toApiError(e);
    }
  }

  /** "Synkronisér nu": runs after any sync already running; the outcome is in `status.error`. */
  async run(): Promise<void> {
    if (this.requested) return;
    this.requested = true;
    this.noteSending();
    try {
      this.apply(await api.syncRun());
    } catch (e) {
      this.error = toApiError(e);
    } finally {
      this.requested = false;
      this.noteSending();
    }
  }

  /** Enrolls this laptop, then syncs once. Rejects with the backend's error (e.g. `vault_locked`). */
  async enroll(address: string, code: string): Promise<SyncStatus> {
    const status = await guarded(() => api.syncEnroll(address, code));
    this.apply(status);
    return status;
  }

  private noteSending(): void {
    const now = this.sending;
    if (now && !this.wasSending) this.unsentAtStart = this.status?.unsent ?? null;
    if (!now && this.wasSending) {
      this.ended += 1;
      const unsent = this.status?.unsent ?? null;
      // A sent or refused change leaves the queue; a revoked laptop loses its concerns.
      if (unsent !== this.unsentAtStart || this.status?.error?.code === 'device_revoked') this.concernsChanged += 1;
      void refreshPack();
    }
    this.wasSending = now;
  }
}

export const sync = new SyncStore();

/** How a sync that ended went, for a screen that shows concerns' sync states. */
export type SyncEnd = {
  /** The queue moved (changes were sent or refused), or the laptop was revoked and wiped. */
  moved: boolean;
  /** It ended with an error: what was queued may still be queued. */
  failed: boolean;
};

/**
 * Calls `onEnd` after each sync that ends while the calling component lives. Must be called
 * during component initialisation (it sets up an effect).
 */
export function onSyncEnded(onEnd: (end: SyncEnd) => void): void {
  let endedSeen = untrack(() => sync.ended);
  let changesSeen = untrack(() => sync.concernsChanged);
  $effect(() => {
    const ended = sync.ended;
    if (ended === endedSeen) return;
    endedSeen = ended;
    untrack(() => {
      const moved = sync.concernsChanged !== changesSeen;
      changesSeen = sync.concernsChanged;
      onEnd({ moved, failed: (sync.status?.error ?? null) !== null });
    });
  });
}

function samePack(a: PackInfo | null, b: PackInfo): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** A sync may bring a new content release: take it into use on the screens too. */
async function refreshPack(): Promise<void> {
  try {
    const state = await api.appState();
    if (!samePack(app.pack, state.pack)) app.packChanged(state.pack);
  } catch (e) {
    // The pack shown stays as it was until the next start; nothing the user can do about it.
    console.warn('app_state_get after a sync failed', e);
  }
}

/**
 * Keeps `sync` true to the backend from start-up on: each sync pushes its start and its end as
 * `sync-status-changed`. A change of the vault (the count of unsent changes is only known while
 * it is open) and returning to the app ask once more.
 */
export function followSync(): void {
  events.syncStatusChanged((status) => sync.apply(status)).catch((e: unknown) => {
    // Without the push channel the commands' answers and the refreshes below still keep it current.
    console.warn('sync-status-changed: cannot listen', e);
  });
  events.vaultStatusChanged(() => void sync.refresh()).catch((e: unknown) => {
    console.warn('vault-status-changed: cannot listen for sync', e);
  });
  window.addEventListener('focus', () => void sync.refresh());
  void sync.refresh();
}
