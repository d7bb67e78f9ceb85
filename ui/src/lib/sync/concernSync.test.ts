import { afterEach, describe, expect, it } from 'vitest';
import type { SyncState } from '../../bindings';
import { t } from '../i18n';
import { locale } from '../locale.svelte';
import { concernSyncView, refusalKey, refusalReason, shownSyncState, syncStateKey } from './concernSync';

afterEach(() => {
  locale.current = 'da';
});

const say = (text: { key: string; vars?: Record<string, string> } | null): string | null =>
  text === null ? null : t(text.key, text.vars);

describe('shownSyncState', () => {
  it('reads a queued concern as being sent while a sync runs', () => {
    expect(shownSyncState('i_koe', true)).toBe('sendes');
    expect(shownSyncState('i_koe', false)).toBe('i_koe');
  });

  it('leaves every other state as the backend says, sync or no sync', () => {
    for (const state of ['kladde', 'sendt', 'afvist'] as SyncState[]) {
      expect(shownSyncState(state, true)).toBe(state);
      expect(shownSyncState(state, false)).toBe(state);
    }
  });
});

describe('concernSyncView', () => {
  it('names each state in Danish', () => {
    expect(say(concernSyncView('kladde', null, false).label)).toBe('Kladde');
    expect(say(concernSyncView('i_koe', null, false).label)).toBe('I kø');
    expect(say(concernSyncView('i_koe', null, true).label)).toBe('Sendes');
    expect(say(concernSyncView('sendt', null, true).label)).toBe('Sendt');
    expect(say(concernSyncView('afvist', 'bad_list', false).label)).toBe('Afvist');
  });

  it('gives a reason only for a refusal', () => {
    expect(concernSyncView('i_koe', null, false).reason).toBeNull();
    expect(concernSyncView('sendt', 'revision_conflict', false).reason).toBeNull();
    const refused = concernSyncView('afvist', 'revision_conflict', true);
    expect(refused.state).toBe('afvist');
    expect(say(refused.reason)).toContain('gennemgå');
  });
});

describe('refusalReason', () => {
  const known = [
    'revision_conflict',
    'upload_id_reused',
    'not_yours',
    'bad_unit',
    'bad_list',
    'bad_revision',
    'bad_id',
    'format_chars',
    'cpr_in_unit',
    'missing_concern',
    'unexpected_concern',
    'incomplete',
  ];

  it('explains every known code in both languages, each in its own words', () => {
    expect(Object.keys(refusalKey).sort()).toEqual([...known].sort());
    for (const lang of ['da', 'en'] as const) {
      locale.current = lang;
      const texts = known.map((code) => say(refusalReason(code))!);
      for (const [i, text] of texts.entries()) {
        expect(text, known[i]).not.toMatch(/^ui\./);
        expect(text, known[i]).not.toContain('%{');
      }
      expect(new Set(texts).size).toBe(known.length);
    }
  });

  it('says what the known codes mean', () => {
    expect(say(refusalReason('revision_conflict'))).toMatch(/nyere version.*medarbejder ved tjenesten/);
    expect(say(refusalReason('upload_id_reused'))).toContain('gennemgå');
    expect(say(refusalReason('not_yours'))).toContain('anden computer');
    expect(say(refusalReason('incomplete'))).toContain('mangler oplysninger');
  });

  it('names an unknown code for IT operations', () => {
    expect(say(refusalReason('invalid_record'))).toBe(
      'Afvist af den centrale tjeneste (kode: invalid_record). Kontakt IT-driften.',
    );
    locale.current = 'en';
    expect(say(refusalReason('invalid_record'))).toBe(
      'Refused by the central service (code: invalid_record). Contact IT operations.',
    );
  });

  it('does not take a code such as "constructor" from Object.prototype', () => {
    expect(refusalReason('constructor')).toEqual({ key: 'ui.sync_refusal.unknown', vars: { code: 'constructor' } });
    expect(refusalReason('toString').key).toBe('ui.sync_refusal.unknown');
  });

  it('still says something without a code', () => {
    expect(say(refusalReason(null))).toBe('Afvist af den centrale tjeneste. Kontakt IT-driften.');
    expect(say(refusalReason('  '))).toBe('Afvist af den centrale tjeneste. Kontakt IT-driften.');
  });

  it('has a label for every state shown', () => {
    for (const key of Object.values(syncStateKey)) expect(t(key)).not.toBe(key);
  });
});
