// The component that shows each screen of the route table (lib/routes.ts); the values in its
// URL (id, anchor) are its props. The type makes a screen without a component, or a component
// that does not take its route's values, fail `npm run check`.
import type { Component } from 'svelte';
import type { Route, RouteOf, ScreenName } from '../lib/routes';
import Home from './Home.svelte';

type PropsOf<N extends ScreenName> = Omit<RouteOf<N>, 'name'>;

/** Home is in the first bundle; every other screen is loaded when first opened. */
const screens: { [N in ScreenName]: () => Promise<Component<PropsOf<N>>> } = {
  home: () => Promise.resolve(Home),
  signs: () => import('./Signs.svelte').then((m) => m.default),
  sign: () => import('./Sign.svelte').then((m) => m.default),
  cards: () => import('./Cards.svelte').then((m) => m.default),
  card: () => import('./Card.svelte').then((m) => m.default),
  print: () => import('./Print.svelte').then((m) => m.default),
  contacts: () => import('./Contacts.svelte').then((m) => m.default),
  legal: () => import('./Legal.svelte').then((m) => m.default),
  about: () => import('./About.svelte').then((m) => m.default),
  settings: () => import('./Settings.svelte').then((m) => m.default),
  guided: () => import('./Guided.svelte').then((m) => m.default),
  guided_print: () => import('./GuidedPrint.svelte').then((m) => m.default),
  concerns: () => import('./Concerns.svelte').then((m) => m.default),
  concern_new: () => import('./ConcernForm.svelte').then((m) => m.default),
  audit: () => import('./Audit.svelte').then((m) => m.default),
  concern: () => import('./Concern.svelte').then((m) => m.default),
  concern_edit: () => import('./ConcernForm.svelte').then((m) => m.default),
  activities: () => import('./Activities.svelte').then((m) => m.default),
  not_found: () => import('./NotFound.svelte').then((m) => m.default),
};

export type ScreenLoad = () => Promise<Component<Record<string, unknown>>>;

/** The loader of a route's component and the props to give it. */
export function screenFor(route: Route): { load: ScreenLoad; props: Record<string, unknown> } {
  const { name, ...props } = route;
  // TypeScript cannot pair a union of routes with a union of components; the table above does.
  return { load: screens[name] as ScreenLoad, props };
}
