import { describe, expect, it } from 'vitest';
import type { Contact } from '../bindings';
import { audienceKeys, formatDay, formatSourceDate, verificationOf } from './contactFacts';

type Facts = Pick<Contact, 'last_verified' | 'verified_by' | 'needs_verification' | 'source_date'>;
const unchecked: Facts = { source_date: '2026-11', needs_verification: true };

describe('verificationOf: either checked or to be verified, never both', () => {
  it('shows a check by a person, with who made it', () => {
    const checked: Facts = { source_date: '2021', last_verified: '2026-03-12', verified_by: ' Jens, BBU ', needs_verification: false };
    expect(verificationOf(checked)).toEqual({ kind: 'verified', date: '2026-03-12', by: 'Jens, BBU' });
    expect(verificationOf({ ...checked, verified_by: null })).toEqual({ kind: 'verified', date: '2026-03-12', by: null });
    expect(verificationOf({ ...checked, verified_by: '  ', needs_verification: undefined })).toEqual({
      kind: 'verified',
      date: '2026-03-12',
      by: null,
    });
  });

  it('shows the source date when nobody has checked the number', () => {
    expect(verificationOf(unchecked)).toEqual({ kind: 'unverified', sourceDate: '2026-11' });
    expect(verificationOf({ ...unchecked, last_verified: null })).toEqual({ kind: 'unverified', sourceDate: '2026-11' });
  });

  it('treats a check date together with the "needs verification" mark as unchecked', () => {
    expect(verificationOf({ ...unchecked, last_verified: '2026-03-12', verified_by: 'Jens' }).kind).toBe('unverified');
  });

  it('never calls a contact checked without a check date', () => {
    expect(verificationOf({ source_date: '2019', needs_verification: false }).kind).toBe('unverified');
  });
});

describe('formatSourceDate', () => {
  it('shows a year as it is', () => {
    expect(formatSourceDate('2021', 'da')).toBe('2021');
    expect(formatSourceDate('2021', 'en')).toBe('2021');
  });

  it('shows a month by its name and year', () => {
    expect(formatSourceDate('2026-11', 'da')).toBe('november 2026');
    expect(formatSourceDate('2026-01', 'en')).toBe('January 2026');
  });

  it('shows a day as a short date', () => {
    expect(formatSourceDate('2026-11-20', 'da')).toBe('20.11.2026');
    expect(formatSourceDate('2026-11-20', 'en')).toBe('20/11/2026');
  });

  it('keeps anything else as it is, so the gap is visible', () => {
    expect(formatSourceDate('efterår 2026', 'da')).toBe('efterår 2026');
    expect(formatSourceDate('', 'da')).toBe('');
  });
});

describe('formatDay', () => {
  it('writes dd.mm.yyyy in Danish and dd/mm/yyyy in English', () => {
    expect(formatDay('2026-03-12', 'da')).toBe('12.03.2026');
    expect(formatDay('2026-03-12', 'en')).toBe('12/03/2026');
  });
});

describe('audienceKeys', () => {
  it('says plainly when a line is only for professionals', () => {
    expect(audienceKeys(['fagpersoner'])).toEqual(['ui.contact.audience_professionals_only']);
  });

  it('names every audience of a shared line, in a fixed order', () => {
    expect(audienceKeys(['boern', 'fagpersoner', 'borgere'])).toEqual([
      'ui.contact.audience_fagpersoner',
      'ui.contact.audience_borgere',
      'ui.contact.audience_boern',
    ]);
    expect(audienceKeys(['borgere'])).toEqual(['ui.contact.audience_borgere']);
    expect(audienceKeys(['boern'])).toEqual(['ui.contact.audience_boern']);
  });

  it('says nothing when the pack names nobody', () => {
    expect(audienceKeys([])).toEqual([]);
  });
});
