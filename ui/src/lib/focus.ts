import { tick } from 'svelte';

// After a navigation, focus moves to the new screen's h1 once its data has loaded, so keyboard
// and screen-reader users start at the top of the new content. Loads report in and out here.
let pending = false;
let activeLoads = 0;

function focusable(el: HTMLElement): HTMLElement {
  if (!el.hasAttribute('tabindex') && !(el instanceof HTMLAnchorElement)) el.setAttribute('tabindex', '-1');
  return el;
}

async function settle(): Promise<void> {
  if (!pending) return;
  await tick();
  if (!pending || activeLoads > 0) return;
  pending = false;
  const main = document.getElementById('main');
  const target = main?.querySelector<HTMLElement>('h1') ?? main;
  if (!target) return;
  focusable(target).focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

/** Ask for the screen heading to be focused when the screen has finished loading. */
export function requestScreenFocus(): void {
  pending = true;
  void settle();
}

/** The user clicked somewhere: never move focus away from what they chose. */
export function cancelScreenFocus(): void {
  pending = false;
}

export function loadStarted(): void {
  activeLoads += 1;
}

export function loadFinished(): void {
  activeLoads = Math.max(0, activeLoads - 1);
  void settle();
}

/** After the DOM has updated, focus and reveal the element with this id. */
export async function focusById(id: string): Promise<boolean> {
  await tick();
  const el = document.getElementById(id);
  if (!el) return false;
  focusable(el).focus({ preventScroll: true });
  el.scrollIntoView({ block: 'start' });
  return true;
}
