import { beforeEach, describe, expect, it } from 'vitest';
import type { AppState, PackInfo, SyncStatus } from '../../bindings';
import { app } from '../app.svelte';
import { useBackend, type Backend } from '../backend/backend';
import { sync } from './syncStore.svelte';

const idle: SyncStatus = {
  address: 'https://beredskab.kommune.dk',
  unit: 'Skoleafdelingen',
  sending: false,
  last_success_at: null,
  unsent: 2,
  error: null,
};

const pack: PackInfo = {
  title: 'Beredskab',
  version: '1.0.0',
  publisher: 'Kommunen',
  released: '2026-11-01',
  source: 'embedded',
  release: null,
  signs: 1,
  cards: 1,
  contacts: 1,
  legal: 1,
};

/** A backend that answers from `answers`; a function answer may throw, as a refused command does. */
function fakeBackend(answers: Record<string, (args: Record<string, unknown>) => unknown>): string[] {
  const calls: string[] = [];
  const backend: Backend = {
    async invoke<T>(command: string, args: Record<string, unknown>): Promise<T> {
      calls.push(command);
      const answer = answers[command];
      if (!answer) throw { code: 'internal', message: `no answer for ${command}`, problems: [], fields: [] };
      return answer(args) as T;
    },
    listen: async () => () => {},
    pickFolder: async () => null,
  };
  useBackend(backend);
  return calls;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  fakeBackend({ app_state_get: () => ({ pack, locale: 'da', notices: [] }) satisfies AppState });
  app.pack = pack;
  sync.apply(idle);
});

describe('sync store', () => {
  it('counts a sync that ended, and whether concerns may have moved', async () => {
    const ended = sync.ended;
    const changed = sync.concernsChanged;
    sync.apply({ ...idle, sending: true });
    expect(sync.sending).toBe(true);
    sync.apply({ ...idle, unsent: 0, last_success_at: '2026-12-01T10:00:00Z' });
    expect(sync.sending).toBe(false);
    expect(sync.ended).toBe(ended + 1);
    expect(sync.concernsChanged).toBe(changed + 1);
    await settle();
  });

  it('does not ask for the list again when nothing left the queue', async () => {
    const changed = sync.concernsChanged;
    sync.apply({ ...idle, sending: true });
    sync.apply({
      ...idle,
      error: { code: 'offline', message: 'Appen kan ikke nå den centrale tjeneste lige nu.', at: '2026-12-01T10:00:00Z' },
    });
    expect(sync.concernsChanged).toBe(changed);
    await settle();
  });

  it('counts a revoked laptop as changed concerns', async () => {
    const changed = sync.concernsChanged;
    sync.apply({ ...idle, sending: true });
    sync.apply({
      ...idle,
      address: null,
      error: { code: 'device_revoked', message: 'Frakoblet.', at: '2026-12-01T10:00:00Z' },
    });
    expect(sync.enrolled).toBe(false);
    expect(sync.concernsChanged).toBe(changed + 1);
    await settle();
  });

  it('shows "Synkronisér nu" as sending until it answers, and counts one end', async () => {
    let release: (s: SyncStatus) => void = () => {};
    fakeBackend({
      sync_run: () => new Promise<SyncStatus>((resolve) => (release = resolve)),
      app_state_get: () => ({ pack, locale: 'da', notices: [] }),
    });
    const ended = sync.ended;
    const running = sync.run();
    expect(sync.sending).toBe(true);
    // The backend's own pushes in between do not end it early.
    sync.apply({ ...idle, sending: true });
    sync.apply({ ...idle, unsent: 0 });
    expect(sync.sending).toBe(true);
    release({ ...idle, unsent: 0 });
    await running;
    expect(sync.sending).toBe(false);
    expect(sync.ended).toBe(ended + 1);
    expect(sync.status?.unsent).toBe(0);
    await settle();
  });

  it('keeps a failure of "Synkronisér nu" on the UI side to show', async () => {
    fakeBackend({ app_state_get: () => ({ pack, locale: 'da', notices: [] }) });
    await sync.run();
    expect(sync.error?.code).toBe('internal');
    expect(sync.sending).toBe(false);
    await settle();
  });

  it('rejects an enrollment with the backend error and keeps the status', async () => {
    const before = { ...idle, address: null, unit: null };
    sync.apply(before);
    fakeBackend({
      sync_enroll: () => {
        throw { code: 'vault_locked', message: 'Lås bekymringerne op for at sende dem.', problems: [], fields: [] };
      },
    });
    await expect(sync.enroll('https://beredskab.kommune.dk', 'ABCD-EFGH-2345-6789')).rejects.toMatchObject({
      code: 'vault_locked',
      message: 'Lås bekymringerne op for at sende dem.',
    });
    expect(sync.status).toEqual(before);
  });

  it('takes the enrolled status into use', async () => {
    sync.apply({ ...idle, address: null, unit: null });
    const calls = fakeBackend({ sync_enroll: (args) => ({ ...idle, address: args.address }) });
    const status = await sync.enroll('https://beredskab.kommune.dk', 'ABCD-EFGH-2345-6789');
    expect(calls).toEqual(['sync_enroll']);
    expect(status.address).toBe('https://beredskab.kommune.dk');
    expect(sync.enrolled).toBe(true);
  });

  it('takes a content release that arrived with a sync into use', async () => {
    const released: PackInfo = {
      ...pack,
      version: '2.0.0',
      source: 'release',
      release: { number: 7, publisher: 'Kommunen', published_at: '2026-12-01T09:00:00Z', key_id: 'k1' },
    };
    fakeBackend({ app_state_get: () => ({ pack: released, locale: 'da', notices: [] }) });
    const generation = app.generation;
    sync.apply({ ...idle, sending: true });
    sync.apply(idle);
    await settle();
    expect(app.pack).toEqual(released);
    expect(app.generation).toBe(generation + 1);
  });

  it('leaves the pack alone when the sync brought none', async () => {
    const generation = app.generation;
    sync.apply({ ...idle, sending: true });
    sync.apply(idle);
    await settle();
    expect(app.generation).toBe(generation);
  });
});
