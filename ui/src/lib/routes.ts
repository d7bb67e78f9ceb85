// The route table: every screen once, with its URL and what the app shell needs to show it.
// URLs hold only screen names and item ids, never typed text. The components are paired with
// these names in src/screens/index.ts, which must stay apart: screens import the href builders
// (url.ts), and those are built from this table.

/** The header link a screen belongs to (marked as the current page). */
export type NavSection =
  | 'home'
  | 'guided'
  | 'signs'
  | 'cards'
  | 'contacts'
  | 'legal'
  | 'concerns'
  | 'activities'
  | 'about'
  | 'settings';

export type RouteDef = {
  /** The URL after `#/`, segments split by `/`; `:id` stands for an item id. null: no URL of its own. */
  path: string | null;
  /** Key of the screen's name in the window title; null shows the app's name alone. */
  titleKey: string | null;
  /** Behind the vault's passphrase: the screen checks the vault itself (VaultGate). */
  needsVault?: true;
  /** A page for the printer: no banner, header or notices around it. */
  print?: true;
  /** The URL may end in `#ID`, an item the screen opens at and focuses itself. */
  anchor?: true;
  /** The screen puts focus where it wants on arrival (home: the search box). */
  ownFocus?: true;
  nav?: NavSection;
};

// Matched in this order: a fixed segment comes before an id in the same place
// (`bekymringer/ny` is the new-concern form, not a concern with the id "ny").
export const routes = {
  home: { path: '', titleKey: null, ownFocus: true, nav: 'home' },
  signs: { path: 'tegn', titleKey: 'ui.nav.signs', nav: 'signs' },
  sign: { path: 'tegn/:id', titleKey: 'ui.nav.signs', nav: 'signs' },
  cards: { path: 'kort', titleKey: 'ui.nav.cards', nav: 'cards' },
  card: { path: 'kort/:id', titleKey: 'ui.nav.cards', nav: 'cards' },
  print: { path: 'kort/:id/udskriv', titleKey: 'ui.nav.cards', print: true },
  contacts: { path: 'kontakter', titleKey: 'ui.nav.contacts', anchor: true, nav: 'contacts' },
  legal: { path: 'lovgrundlag', titleKey: 'ui.nav.legal', anchor: true, nav: 'legal' },
  about: { path: 'om', titleKey: 'ui.nav.about', nav: 'about' },
  settings: { path: 'indstillinger', titleKey: 'ui.nav.settings', nav: 'settings' },
  guided: { path: 'bekymret', titleKey: 'ui.nav.guided', nav: 'guided' },
  guided_print: { path: 'bekymret/udskriv', titleKey: 'ui.nav.guided', print: true },
  concerns: { path: 'bekymringer', titleKey: 'ui.nav.concerns', needsVault: true, nav: 'concerns' },
  concern_new: { path: 'bekymringer/ny', titleKey: 'ui.concern_form.title_new', needsVault: true, nav: 'concerns' },
  audit: { path: 'bekymringer/log', titleKey: 'ui.audit.title', needsVault: true, nav: 'concerns' },
  concern: { path: 'bekymringer/:id', titleKey: 'ui.nav.concerns', needsVault: true, nav: 'concerns' },
  concern_edit: { path: 'bekymringer/:id/ret', titleKey: 'ui.concern_form.title_edit', needsVault: true, nav: 'concerns' },
  activities: { path: 'aktiviteter', titleKey: 'ui.nav.activities', needsVault: true, nav: 'activities' },
  // Any URL that matches nothing above.
  not_found: { path: null, titleKey: 'ui.errors.page_not_found' },
} as const satisfies Record<string, RouteDef>;

type Table = typeof routes;
export type ScreenName = keyof Table;

/** `kort/:id/udskriv` → `{ id: string }`. */
type ParamsOf<P> = P extends `${infer Head}/${infer Rest}`
  ? ParamsOf<Head> & ParamsOf<Rest>
  : P extends `:${infer Name}`
    ? { [K in Name]: string }
    : unknown;
type AnchorOf<D> = D extends { anchor: true } ? { anchor: string | null } : unknown;
type Flat<T> = { [K in keyof T]: T[K] };

/** A screen and the values its URL carries, e.g. `{ name: 'card', id: 'akut-fare' }`. */
export type RouteOf<N extends ScreenName> = Flat<{ name: N } & ParamsOf<Table[N]['path']> & AnchorOf<Table[N]>>;
export type Route = { [N in ScreenName]: RouteOf<N> }[ScreenName];

/** The entry for a screen, with every optional field readable. */
export function routeDef(name: ScreenName): RouteDef {
  return routes[name];
}

/** The screen names in matching order. */
export const screenNames = Object.keys(routes) as ScreenName[];
