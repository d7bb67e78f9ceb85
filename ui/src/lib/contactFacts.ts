// What a contact says about itself beyond its number: whether a person has checked it, how old
// its source is, and who may call it. Pure functions (the locale is passed in), tested.
import type { Audience, Contact, Locale } from '../bindings';

/**
 * A contact is EITHER checked by a person on a day ("Senest kontrolleret …") OR to be verified,
 * with the date of its source ("Skal verificeres · kilde fra …") – never both. Only a check date
 * without the "needs verification" mark counts as checked: the pack's validation refuses the
 * other combinations, and when in doubt the contact is shown as unchecked.
 */
export type Verification =
  | { kind: 'verified'; date: string; by: string | null }
  | { kind: 'unverified'; sourceDate: string };

export function verificationOf(
  contact: Pick<Contact, 'last_verified' | 'verified_by' | 'needs_verification' | 'source_date'>,
): Verification {
  if (contact.last_verified && contact.needs_verification !== true) {
    const by = contact.verified_by?.trim();
    return { kind: 'verified', date: contact.last_verified, by: by ? by : null };
  }
  return { kind: 'unverified', sourceDate: contact.source_date };
}

function tag(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : 'da-DK';
}

/** "2026-03-12" → "12.03.2026" (Danish) or "12/03/2026" (English); anything else as it is. */
export function formatDay(iso: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(tag(locale), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/**
 * A source's date as precisely as it is known: "2021" → "2021"; "2026-11" → "november 2026"
 * (Danish) or "November 2026" (English); "2026-11-20" → "20.11.2026" or "20/11/2026".
 */
export function formatSourceDate(date: string, locale: Locale): string {
  if (/^\d{4}$/.test(date)) return date;
  const month = /^(\d{4})-(\d{2})$/.exec(date);
  if (month) {
    const first = new Date(Number(month[1]), Number(month[2]) - 1, 1);
    return new Intl.DateTimeFormat(tag(locale), { month: 'long', year: 'numeric' }).format(first);
  }
  return formatDay(date, locale);
}

const audienceOrder: Audience[] = ['fagpersoner', 'borgere', 'boern'];

const audienceKey: Record<Audience, string> = {
  fagpersoner: 'ui.contact.audience_fagpersoner',
  borgere: 'ui.contact.audience_borgere',
  boern: 'ui.contact.audience_boern',
};

/**
 * Who may call a contact, as labels: a line only for professionals says so plainly
 * ("Kun for fagpersoner"), so it is never handed to a citizen or a child.
 */
export function audienceKeys(audience: readonly Audience[]): string[] {
  if (audience.length > 0 && audience.every((a) => a === 'fagpersoner')) return ['ui.contact.audience_professionals_only'];
  return audienceOrder.filter((a) => audience.includes(a)).map((a) => audienceKey[a]);
}
