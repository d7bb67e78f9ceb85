import { afterEach, describe, expect, it } from 'vitest';
import { formatList, formatMegabytes, interpolate, t, tAround, tn } from './i18n';
import { locale } from './locale.svelte';

afterEach(() => {
  locale.current = 'da';
});

describe('interpolate', () => {
  it('fills every placeholder, the same one as often as it appears', () => {
    expect(interpolate('%{a} og %{b}, igen %{a}', { a: 'x', b: 2 })).toBe('x og 2, igen x');
  });

  it('leaves a placeholder without a value as it is', () => {
    expect(interpolate('%{a} %{missing}', { a: 1 })).toBe('1 %{missing}');
  });

  it('returns the text unchanged without values', () => {
    expect(interpolate('100 %{count}')).toBe('100 %{count}');
  });

  it('does not read names from Object.prototype', () => {
    expect(interpolate('%{constructor} %{toString}', {})).toBe('%{constructor} %{toString}');
  });

  it('inserts a value literally, even one that looks like a replacement pattern', () => {
    expect(interpolate('[%{v}]', { v: "$& $' $1" })).toBe("[$& $' $1]");
  });
});

describe('t', () => {
  it('looks a key up in the current locale and fills it in', () => {
    expect(t('ui.app.name')).toBe('Beredskab');
    expect(t('ui.app.page_title', { screen: 'Handlekort' })).toBe('Handlekort – Beredskab');
  });

  it('switches language with the locale', () => {
    expect(t('ui.vault.lock')).toBe('Lås bekymringer');
    locale.current = 'en';
    expect(t('ui.vault.lock')).toBe('Lock concerns');
  });

  it('shows an unknown key as itself, so a missing text is easy to spot', () => {
    expect(t('ui.no.such.key')).toBe('ui.no.such.key');
    expect(t('ui.vault')).toBe('ui.vault'); // a group, not a text
  });
});

describe('tAround', () => {
  it('splits a text around its placeholder, in the current locale', () => {
    expect(tAround('ui.home.did_you_mean', 'query')).toEqual(['Mente du »', '«?']);
    locale.current = 'en';
    expect(tAround('ui.home.did_you_mean', 'query')).toEqual(['Did you mean “', '”?']);
  });

  it('puts the whole text first when the placeholder is not in it', () => {
    expect(tAround('ui.app.name', 'query')).toEqual(['Beredskab', '']);
  });
});

describe('tn', () => {
  it('picks `one` for 1 and `other` for every other count, with %{count} filled in', () => {
    expect(tn('ui.vault.retry_after', 1)).toBe('Vent 1 sekund, før du prøver igen.');
    expect(tn('ui.vault.retry_after', 5)).toBe('Vent 5 sekunder, før du prøver igen.');
    expect(tn('ui.vault.retry_after', 0)).toBe('Vent 0 sekunder, før du prøver igen.');
  });

  it('passes further values along', () => {
    expect(tn('ui.signs.count', 1, { total: 40 })).toBe('Viser 1 af 40 tegn');
    expect(tn('ui.signs.count', 12, { total: 40 })).toBe('Viser 12 af 40 tegn');
  });

  it('uses the current locale', () => {
    locale.current = 'en';
    expect(tn('ui.vault.retry_after', 1)).toBe('Wait 1 second before you try again.');
    expect(tn('ui.vault.retry_after', 2)).toBe('Wait 2 seconds before you try again.');
  });
});

describe('formatMegabytes', () => {
  it('shows megabytes with one decimal, in Danish with a decimal comma and thousands points', () => {
    expect(formatMegabytes(1_234_500_000)).toBe('1.234,5');
    expect(formatMegabytes(2_500_000)).toBe('2,5');
    expect(formatMegabytes(0)).toBe('0,0');
  });

  it('never shows a folder with something in it as empty', () => {
    expect(formatMegabytes(4_096)).toBe('0,1');
  });

  it('follows the locale', () => {
    locale.current = 'en';
    expect(formatMegabytes(1_234_500_000)).toBe('1,234.5');
  });
});

describe('formatList', () => {
  it('joins names the way the language does', () => {
    expect(formatList(['Note'])).toBe('Note');
    expect(formatList(['Note', 'Din enhed'])).toBe('Note og Din enhed');
    locale.current = 'en';
    expect(formatList(['Note', 'Unit', 'Case'])).toBe('Note, Unit and Case');
  });
});
