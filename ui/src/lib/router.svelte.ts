// Hash router. Only screen names and item ids go into the URL, never typed text.
import type { ItemKind } from '../bindings';

export type Route =
  | { name: 'home' }
  | { name: 'signs' }
  | { name: 'sign'; id: string }
  | { name: 'cards' }
  | { name: 'card'; id: string }
  | { name: 'print'; id: string }
  | { name: 'contacts'; anchor: string | null }
  | { name: 'legal'; anchor: string | null }
  | { name: 'about' }
  | { name: 'settings' }
  | { name: 'guided' }
  | { name: 'guided_print' }
  | { name: 'concerns' }
  | { name: 'concern_new' }
  | { name: 'concern'; id: string }
  | { name: 'concern_edit'; id: string }
  | { name: 'audit' }
  | { name: 'not_found' };

export type ScreenName = Route['name'];

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart, anchorPart] = raw.split('#', 2);
  const parts = (pathPart ?? '').split('/').filter((p) => p !== '').map(decode);
  const anchor = anchorPart ? decode(anchorPart) : null;
  const [first, second, third] = parts;
  if (parts.length === 0) return { name: 'home' };
  switch (first) {
    case 'tegn':
      if (parts.length === 1) return { name: 'signs' };
      if (parts.length === 2 && second) return { name: 'sign', id: second };
      break;
    case 'kort':
      if (parts.length === 1) return { name: 'cards' };
      if (parts.length === 2 && second) return { name: 'card', id: second };
      if (parts.length === 3 && second && third === 'udskriv') return { name: 'print', id: second };
      break;
    case 'henvisninger':
      if (parts.length === 1) return { name: 'contacts', anchor };
      break;
    case 'love':
      if (parts.length === 1) return { name: 'legal', anchor };
      break;
    case 'om':
      if (parts.length === 1) return { name: 'about' };
      break;
    case 'indstillinger':
      if (parts.length === 1) return { name: 'settings' };
      break;
    case 'bekymret':
      if (parts.length === 1) return { name: 'guided' };
      if (parts.length === 2 && second === 'udskriv') return { name: 'guided_print' };
      break;
    case 'bekymringer':
      if (parts.length === 1) return { name: 'concerns' };
      if (parts.length === 2 && second === 'ny') return { name: 'concern_new' };
      if (parts.length === 2 && second === 'log') return { name: 'audit' };
      if (parts.length === 2 && second) return { name: 'concern', id: second };
      if (parts.length === 3 && second && third === 'ret') return { name: 'concern_edit', id: second };
      break;
  }
  return { name: 'not_found' };
}

const enc = encodeURIComponent;

export const href = {
  home: '#/',
  signs: '#/tegn',
  sign: (id: string) => `#/tegn/${enc(id)}`,
  cards: '#/kort',
  card: (id: string) => `#/kort/${enc(id)}`,
  print: (id: string) => `#/kort/${enc(id)}/udskriv`,
  contacts: '#/henvisninger',
  contact: (id: string) => `#/henvisninger#${enc(id)}`,
  legal: '#/love',
  legalRef: (id: string) => `#/love#${enc(id)}`,
  about: '#/om',
  settings: '#/indstillinger',
  guided: '#/bekymret',
  guidedPrint: '#/bekymret/udskriv',
  concerns: '#/bekymringer',
  concernNew: '#/bekymringer/ny',
  concern: (id: string) => `#/bekymringer/${enc(id)}`,
  concernEdit: (id: string) => `#/bekymringer/${enc(id)}/ret`,
  audit: '#/bekymringer/log',
};

/** Screens behind the vault's passphrase: they poll its status while open. */
export const vaultScreens: ScreenName[] = ['concerns', 'concern_new', 'concern', 'concern_edit', 'audit'];

/** Go to a screen from code, as a link would. */
export function navigate(to: string): void {
  window.location.hash = to;
}

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

/** Element ids used as in-page targets for `#/henvisninger#ID` and `#/love#ID`. */
export const anchorId = {
  contact: (id: string) => `contact-${id}`,
  legal: (id: string) => `legal-${id}`,
};

class Router {
  route = $state.raw<Route>(parseHash(window.location.hash));
  /** Grows on every navigation after the first screen. */
  visits = $state(0);

  start(): void {
    window.addEventListener('hashchange', () => {
      this.route = parseHash(window.location.hash);
      this.visits += 1;
    });
  }
}

export const router = new Router();
