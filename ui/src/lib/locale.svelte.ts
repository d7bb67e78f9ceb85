import type { Locale } from '../bindings';

/** The UI language; reading `locale.current` inside a template or effect is reactive. */
export const locale = $state<{ current: Locale }>({ current: 'da' });
