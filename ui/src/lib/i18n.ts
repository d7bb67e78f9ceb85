// Every visible UI string comes from ../locales/{da,en}.yml under `ui:`.
import da from '../../../locales/da.yml?ui';
import en from '../../../locales/en.yml?ui';
import type { Locale } from '../bindings';
import { locale } from './locale.svelte';

type Tree = { [key: string]: string | Tree };
export type Vars = Record<string, string | number>;

const catalogs: Record<Locale, Tree> = { da, en };

function lookup(tree: Tree, key: string): string | undefined {
  const path = key.startsWith('ui.') ? key.slice(3) : key;
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Fills `%{name}` placeholders; one without a value stays as it is, so the gap is visible. */
export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  // Own keys only: `%{constructor}` must not pick up Object.prototype's.
  return text.replace(/%\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

/** Translate `key` (e.g. "ui.home.search_label") in the current locale; falls back to Danish, then to the key. */
export function t(key: string, vars?: Vars): string {
  const text = lookup(catalogs[locale.current], key) ?? lookup(catalogs.da, key) ?? key;
  return interpolate(text, vars);
}

/**
 * The text of `key` split around one placeholder, so the value can be marked up on its own
 * (e.g. a Danish word in an English sentence): "Mente du »%{query}«?" → ["Mente du »", "«?"].
 * Without that placeholder the whole text comes first.
 */
export function tAround(key: string, name: string, vars?: Vars): [string, string] {
  const text = t(key, vars);
  const mark = `%{${name}}`;
  const at = text.indexOf(mark);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + mark.length)];
}

/** Plural form: the key holds `one` and `other`; `count` is passed as %{count}. */
export function tn(key: string, count: number, vars?: Vars): string {
  return t(key + (count === 1 ? '.one' : '.other'), { count, ...vars });
}

export function setLocale(next: Locale): void {
  locale.current = next;
  document.documentElement.lang = next;
}

/** "2026-11-01" → "1. november 2026" (Danish) or "1 November 2026" (English). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const tag = locale.current === 'en' ? 'en-GB' : 'da-DK';
  return new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** An RFC 3339 timestamp as its day in local time: "1. december 2026" / "1 December 2026". */
export function formatInstantDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const tag = locale.current === 'en' ? 'en-GB' : 'da-DK';
  return new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** "2026-11-01" → "01.11.2026" (Danish) or "01/11/2026" (English), for tables. */
export function formatShortDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const tag = locale.current === 'en' ? 'en-GB' : 'da-DK';
  return new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/** A time of day as HH:MM:SS in local time. */
export function formatClock(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** An RFC 3339 timestamp in local time: "27.11.2026 kl. 14:03:12" / "27/11/2026 at 14:03:12". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const tag = locale.current === 'en' ? 'en-GB' : 'da-DK';
  const day = new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
  return t('ui.common.date_time', { date: day, time: formatClock(date) });
}

function localeTag(): string {
  return locale.current === 'en' ? 'en-GB' : 'da-DK';
}

/** ["Note", "Din enhed"] → "Note og Din enhed" (Danish) or "Note and Din enhed" (English). */
export function formatList(items: string[]): string {
  return new Intl.ListFormat(localeTag(), { style: 'long', type: 'conjunction' }).format(items);
}

/** A size in bytes as megabytes (10⁶ bytes) with one decimal: "1.234,5" (Danish), "1,234.5" (English). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  // A folder with anything in it never reads as "0,0".
  const shown = bytes > 0 ? Math.max(mb, 0.1) : 0;
  return new Intl.NumberFormat(localeTag(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(shown);
}
