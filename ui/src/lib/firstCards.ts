// The home screen's cards are asked for as the app starts, alongside the app's state, so the
// first screen needs one round trip to the backend less. Used once; later loads ask afresh.
import type { CardSummary } from '../bindings';
import { api } from './api';

let early: Promise<CardSummary[]> | null = null;

export function prefetchCards(): void {
  early = api.listCards();
  // A failure is reported when the home screen takes the promise, not here.
  early.catch(() => {});
}

export function cardsForHome(): Promise<CardSummary[]> {
  const first = early;
  early = null;
  return first ?? api.listCards();
}
