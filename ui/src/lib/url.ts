// URL hash ↔ Route, both ways from the route table (routes.ts), plus the links used in screens.
import type { ItemKind } from '../bindings';
import { routeDef, screenNames, type Route } from './routes';

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const enc = encodeURIComponent;

/** Fills the route's params from the URL's segments, or null if the pattern does not fit. */
function match(path: string, parts: string[]): Record<string, string> | null {
  const pattern = path.split('/').filter((p) => p !== '');
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of pattern.entries()) {
    const part = parts[i] ?? '';
    if (segment.startsWith(':')) params[segment.slice(1)] = part;
    else if (segment !== part) return null;
  }
  return params;
}

/** `#/kort/akut-fare/udskriv` → `{ name: 'print', id: 'akut-fare' }`; unknown URLs → not_found. */
export function parseHash(hash: string): Route {
  const [pathPart = '', anchorPart] = hash.replace(/^#/, '').split('#', 2);
  // Split before decoding, so an id may hold an encoded `/`.
  const parts = pathPart
    .split('/')
    .filter((p) => p !== '')
    .map(decode);
  for (const name of screenNames) {
    const def = routeDef(name);
    if (def.path === null) continue;
    const params = match(def.path, parts);
    if (params === null) continue;
    const anchor = def.anchor ? { anchor: anchorPart ? decode(anchorPart) : null } : {};
    return { name, ...params, ...anchor } as Route;
  }
  return { name: 'not_found' };
}

/** Screens that have a URL of their own. */
type Linkable = Exclude<Route, { name: 'not_found' }>;

/** The URL of a route; `parseHash(hrefFor(r))` gives `r` back. */
export function hrefFor(route: Linkable): string {
  const def = routeDef(route.name);
  const values = route as Record<string, unknown>;
  const path = (def.path ?? '')
    .split('/')
    .map((segment) => (segment.startsWith(':') ? enc(String(values[segment.slice(1)])) : segment))
    .join('/');
  const anchor = typeof values.anchor === 'string' ? `#${enc(values.anchor)}` : '';
  return `#/${path}${anchor}`;
}

export const href = {
  home: hrefFor({ name: 'home' }),
  signs: hrefFor({ name: 'signs' }),
  sign: (id: string) => hrefFor({ name: 'sign', id }),
  cards: hrefFor({ name: 'cards' }),
  card: (id: string) => hrefFor({ name: 'card', id }),
  print: (id: string) => hrefFor({ name: 'print', id }),
  contacts: hrefFor({ name: 'contacts', anchor: null }),
  contact: (id: string) => hrefFor({ name: 'contacts', anchor: id }),
  legal: hrefFor({ name: 'legal', anchor: null }),
  legalRef: (id: string) => hrefFor({ name: 'legal', anchor: id }),
  about: hrefFor({ name: 'about' }),
  settings: hrefFor({ name: 'settings' }),
  guided: hrefFor({ name: 'guided' }),
  guidedPrint: hrefFor({ name: 'guided_print' }),
  concerns: hrefFor({ name: 'concerns' }),
  concernNew: hrefFor({ name: 'concern_new' }),
  concern: (id: string) => hrefFor({ name: 'concern', id }),
  concernEdit: (id: string) => hrefFor({ name: 'concern_edit', id }),
  audit: hrefFor({ name: 'audit' }),
  activities: hrefFor({ name: 'activities' }),
};

export function itemHref(kind: ItemKind, id: string): string {
  switch (kind) {
    case 'card':
      return href.card(id);
    case 'sign':
      return href.sign(id);
    case 'contact':
      return href.contact(id);
    case 'legal':
      return href.legalRef(id);
  }
}

/** Element ids used as in-page targets for `#/kontakter#ID` and `#/lovgrundlag#ID`. */
export const anchorId = {
  contact: (id: string) => `contact-${id}`,
  legal: (id: string) => `legal-${id}`,
};
