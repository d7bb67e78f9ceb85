import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '../locale.svelte';
import { auditDetailText } from './auditDetail';

afterEach(() => {
  locale.current = 'da';
});

describe('auditDetailText', () => {
  it('reads how many concerns a listing showed', () => {
    const none = { state: null, severity: null, target_group: null };
    expect(auditDetailText('list', JSON.stringify({ count: 12, filter: none }))).toBe('12 bekymringer vist');
    expect(auditDetailText('list', JSON.stringify({ count: 1, filter: none }))).toBe('1 bekymring vist');
  });

  it('names the filter a listing was shown with', () => {
    const detail = JSON.stringify({ count: 3, filter: { state: 'kladde', severity: 'hoej', target_group: null } });
    expect(auditDetailText('list', detail)).toBe('3 bekymringer vist (afgrænset: Kladde og Høj)');
  });

  it('reads the records lost at a reset', () => {
    const detail = JSON.stringify({ records_lost: 3, reset_at: 'not a time' });
    expect(auditDetailText('reset', detail)).toBe(
      'Nulstillet den not a time. 3 registreringer, der ikke var synkroniseret, gik tabt.',
    );
    expect(auditDetailText('reset', JSON.stringify({ records_lost: 0 }))).toBe(
      'Ingen usynkroniserede registreringer gik tabt.',
    );
  });

  it('reads the revision redacted and its fields', () => {
    expect(auditDetailText('redact', JSON.stringify({ revision: 2, fields: ['note', 'recorder_unit'] }))).toBe(
      'Version 2: Note og Enhed',
    );
    expect(auditDetailText('redact', JSON.stringify({ revision: 2, fields: [] }))).toBe('Version 2');
    locale.current = 'en';
    expect(auditDetailText('redact', JSON.stringify({ revision: 4, fields: ['note'] }))).toBe('Version 4: Note');
  });

  it('reads the unit of an enrollment, never the device id as the reading', () => {
    expect(auditDetailText('enroll', JSON.stringify({ unit: 'Skoleafdelingen', device: 'x-1' }))).toBe(
      'Enhed: Skoleafdelingen',
    );
    expect(auditDetailText('enroll', JSON.stringify({ device: 'x-1' }))).toBeNull();
  });

  it('reads what a revocation wiped', () => {
    expect(auditDetailText('revoked_wipe', JSON.stringify({ unsent: 2, concerns: 5 }))).toBe(
      '5 bekymringer blev slettet. 2 ændringer var ikke sendt.',
    );
    expect(auditDetailText('revoked_wipe', JSON.stringify({ unsent: 0, concerns: 1 }))).toBe(
      '1 bekymring blev slettet. Alle ændringer var sendt.',
    );
    expect(auditDetailText('revoked_wipe', JSON.stringify({ concerns: 1 }))).toBeNull();
  });

  it('gives nothing for no detail, unreadable detail, or actions without a reading', () => {
    expect(auditDetailText('list', null)).toBeNull();
    expect(auditDetailText('list', '{not json')).toBeNull();
    expect(auditDetailText('list', '[1,2]')).toBeNull();
    expect(auditDetailText('list', JSON.stringify({ count: 'many' }))).toBeNull();
    expect(auditDetailText('view', JSON.stringify({ count: 1 }))).toBeNull();
  });
});
