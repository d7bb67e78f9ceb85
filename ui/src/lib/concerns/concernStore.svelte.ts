import type { ConcernState, Severity, TargetGroup } from '../../bindings';

/** The list's filters, kept in memory while the app runs ('all' = no filter). */
export const concernFilters = $state<{
  state: 'all' | ConcernState;
  severity: 'all' | Severity;
  target: 'all' | TargetGroup;
}>({ state: 'all', severity: 'all', target: 'all' });

/** A one-off message for the next screen, e.g. "registered" after saving. Memory only. */
export const concernFlash = $state<{ key: string | null }>({ key: null });

/** Read the message once; it is gone when the screen is left. */
export function takeFlash(): string | null {
  const key = concernFlash.key;
  concernFlash.key = null;
  return key;
}
