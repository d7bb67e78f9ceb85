// The component that shows each screen of the route table (lib/routes.ts); the values in its
// URL (id, anchor) are its props. The type makes a screen without a component, or a component
// that does not take its route's values, fail `npm run check`.
import type { Component } from 'svelte';
import type { Route, RouteOf, ScreenName } from '../lib/routes';
import About from './About.svelte';
import Audit from './Audit.svelte';
import Card from './Card.svelte';
import Cards from './Cards.svelte';
import Concern from './Concern.svelte';
import ConcernForm from './ConcernForm.svelte';
import Concerns from './Concerns.svelte';
import Contacts from './Contacts.svelte';
import Guided from './Guided.svelte';
import GuidedPrint from './GuidedPrint.svelte';
import Home from './Home.svelte';
import Legal from './Legal.svelte';
import NotFound from './NotFound.svelte';
import Print from './Print.svelte';
import Settings from './Settings.svelte';
import Sign from './Sign.svelte';
import Signs from './Signs.svelte';

type PropsOf<N extends ScreenName> = Omit<RouteOf<N>, 'name'>;

const screens: { [N in ScreenName]: Component<PropsOf<N>> } = {
  home: Home,
  signs: Signs,
  sign: Sign,
  cards: Cards,
  card: Card,
  print: Print,
  contacts: Contacts,
  legal: Legal,
  about: About,
  settings: Settings,
  guided: Guided,
  guided_print: GuidedPrint,
  concerns: Concerns,
  concern_new: ConcernForm,
  audit: Audit,
  concern: Concern,
  concern_edit: ConcernForm,
  not_found: NotFound,
};

/** The component for a route and the props to give it. */
export function screenFor(route: Route): { component: Component<Record<string, unknown>>; props: Record<string, unknown> } {
  const { name, ...props } = route;
  // TypeScript cannot pair a union of routes with a union of components; the table above does.
  return { component: screens[name] as Component<Record<string, unknown>>, props };
}
