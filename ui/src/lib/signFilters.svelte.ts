import type { Sign, TargetGroup } from '../bindings';

export type TargetFilter = 'all' | TargetGroup;

/** The chosen filters on the signs screen, kept in memory while the app runs. */
export const signFilters = $state<{ target: TargetFilter; category: string }>({ target: 'all', category: 'all' });

export function matches(sign: Sign, target: TargetFilter, category: string): boolean {
  if (target !== 'all' && !sign.target_groups.includes(target)) return false;
  if (category !== 'all' && sign.category !== category) return false;
  return true;
}
