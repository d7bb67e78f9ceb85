import { describe, expect, it } from 'vitest';
import { routeDef, screenNames, type Route, type ScreenName } from './routes';
import { anchorId, href, hrefFor, itemHref, parseHash } from './url';

/** A route of each screen with every value its URL can carry. */
function samples(name: ScreenName, id: string, anchor: string | null): Route {
  const def = routeDef(name);
  const route: Record<string, unknown> = { name };
  for (const segment of (def.path ?? '').split('/'))
    if (segment.startsWith(':')) route[segment.slice(1)] = id;
  if (def.anchor) route.anchor = anchor;
  return route as Route;
}

const linkable = screenNames.filter((name) => name !== 'not_found');

describe('route table', () => {
  it.each(linkable)('%s parses back from its href', (name) => {
    for (const id of ['akut-fare', 'a b/æ#?%', '42']) {
      for (const anchor of [null, 'politi', 'sted #2/ø']) {
        const route = samples(name, id, anchor);
        expect(parseHash(hrefFor(route as Exclude<Route, { name: 'not_found' }>))).toEqual(route);
      }
    }
  });

  it('keeps every URL as it is meant to be (a change here breaks links)', () => {
    expect(href).toEqual({
      home: '#/',
      signs: '#/tegn',
      sign: expect.any(Function),
      cards: '#/kort',
      card: expect.any(Function),
      print: expect.any(Function),
      contacts: '#/kontakter',
      contact: expect.any(Function),
      legal: '#/lovgrundlag',
      legalRef: expect.any(Function),
      about: '#/om',
      settings: '#/indstillinger',
      guided: '#/bekymret',
      guidedPrint: '#/bekymret/udskriv',
      concerns: '#/bekymringer',
      concernNew: '#/bekymringer/ny',
      concern: expect.any(Function),
      concernEdit: expect.any(Function),
      audit: '#/bekymringer/log',
      activities: '#/aktiviteter',
    });
    expect(href.sign('x')).toBe('#/tegn/x');
    expect(href.card('x')).toBe('#/kort/x');
    expect(href.print('x')).toBe('#/kort/x/udskriv');
    expect(href.contact('x')).toBe('#/kontakter#x');
    expect(href.legalRef('x')).toBe('#/lovgrundlag#x');
    expect(href.concern('x')).toBe('#/bekymringer/x');
    expect(href.concernEdit('x')).toBe('#/bekymringer/x/ret');
  });

  it('encodes ids, so an id never breaks the URL apart', () => {
    expect(href.card('a b/c')).toBe('#/kort/a%20b%2Fc');
    expect(href.contact('x#y')).toBe('#/kontakter#x%23y');
  });

  it('reads the start page from an empty or bare hash', () => {
    for (const hash of ['', '#', '#/', '#//']) expect(parseHash(hash)).toEqual({ name: 'home' });
  });

  it('gives not_found for any path it does not know', () => {
    for (const hash of [
      '#/x',
      '#/kort/a/b',
      '#/kort/a/udskriv/b',
      '#/tegn/a/b',
      '#/om/x',
      '#/bekymret/x',
      '#/bekymringer/a/b',
      '#/aktiviteter/x',
      '#/kontakter/x',
      '#/Kort',
      // Retired words (content/retired-words.txt) are not paths any more.
      '#/henvisninger',
      '#/love',
    ])
      expect(parseHash(hash), hash).toEqual({ name: 'not_found' });
  });

  it('prefers a fixed word to an id in the same place', () => {
    expect(parseHash('#/bekymringer/ny')).toEqual({ name: 'concern_new' });
    expect(parseHash('#/bekymringer/log')).toEqual({ name: 'audit' });
    expect(parseHash('#/bekymringer/nyt')).toEqual({ name: 'concern', id: 'nyt' });
    expect(parseHash('#/bekymringer/ny/ret')).toEqual({ name: 'concern_edit', id: 'ny' });
  });

  it('decodes percent-encoded ids, after splitting the path', () => {
    expect(parseHash('#/kort/akut%20fare')).toEqual({ name: 'card', id: 'akut fare' });
    expect(parseHash('#/tegn/a%2Fb')).toEqual({ name: 'sign', id: 'a/b' });
    expect(parseHash('#/kort/%C3%A6ble/udskriv')).toEqual({ name: 'print', id: 'æble' });
    // A broken escape is kept as it is rather than failing.
    expect(parseHash('#/kort/%E0%A4%A')).toEqual({ name: 'card', id: '%E0%A4%A' });
  });

  it('reads an anchor only on screens that take one', () => {
    expect(parseHash('#/kontakter#politi')).toEqual({ name: 'contacts', anchor: 'politi' });
    expect(parseHash('#/lovgrundlag#serviceloven-%C2%A7-133')).toEqual({ name: 'legal', anchor: 'serviceloven-§-133' });
    expect(parseHash('#/kontakter')).toEqual({ name: 'contacts', anchor: null });
    expect(parseHash('#/kontakter#')).toEqual({ name: 'contacts', anchor: null });
    expect(parseHash('#/om#politi')).toEqual({ name: 'about' });
    expect(parseHash('#/kort/x#y')).toEqual({ name: 'card', id: 'x' });
  });

  it('links search hits of every kind to their screen', () => {
    expect(itemHref('card', 'a')).toBe('#/kort/a');
    expect(itemHref('sign', 'a')).toBe('#/tegn/a');
    expect(itemHref('contact', 'a')).toBe('#/kontakter#a');
    expect(itemHref('legal', 'a')).toBe('#/lovgrundlag#a');
    expect(anchorId.contact('a')).toBe('contact-a');
    expect(anchorId.legal('a')).toBe('legal-a');
  });

  it('marks the screens behind the vault and the print pages', () => {
    const vault = screenNames.filter((n) => routeDef(n).needsVault);
    expect(vault.sort()).toEqual(['activities', 'audit', 'concern', 'concern_edit', 'concern_new', 'concerns']);
    const print = screenNames.filter((n) => routeDef(n).print);
    expect(print.sort()).toEqual(['guided_print', 'print']);
  });

  it('gives every screen but the start page a name for the window title', () => {
    for (const name of screenNames)
      expect(routeDef(name).titleKey === null, name).toBe(name === 'home');
  });
});
