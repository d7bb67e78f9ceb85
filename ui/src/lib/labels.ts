// Literal translation keys for backend enums (kept literal so check-i18n can verify them).
import type { ScreenName } from './router.svelte';
import type { ItemKind, Locale, PackSource, Role, TargetGroup, Tier } from '../bindings';

export const roleKey: Record<Role, string> = {
  alle: 'ui.roles.alle',
  laerer_paedagog: 'ui.roles.laerer_paedagog',
  jobkonsulent_sagsbehandler: 'ui.roles.jobkonsulent_sagsbehandler',
  social_kontrol_vejleder: 'ui.roles.social_kontrol_vejleder',
  leder: 'ui.roles.leder',
};

export const roleOrder: Role[] = [
  'alle',
  'laerer_paedagog',
  'jobkonsulent_sagsbehandler',
  'social_kontrol_vejleder',
  'leder',
];

export const targetKey: Record<TargetGroup, string> = {
  barn_ung: 'ui.targets.barn_ung',
  voksen: 'ui.targets.voksen',
};

export const tierKey: Record<Tier, string> = {
  handl_nu: 'ui.tiers.handl_nu',
  flere_tegn: 'ui.tiers.flere_tegn',
};

export const tierExplainKey: Record<Tier, string> = {
  handl_nu: 'ui.tiers.handl_nu_explain',
  flere_tegn: 'ui.tiers.flere_tegn_explain',
};

export const kindKey: Record<ItemKind, string> = {
  card: 'ui.kinds.card',
  sign: 'ui.kinds.sign',
  contact: 'ui.kinds.contact',
  legal: 'ui.kinds.legal',
};

export const kindOrder: ItemKind[] = ['card', 'sign', 'contact', 'legal'];

export const sourceKey: Record<PackSource, string> = {
  embedded: 'ui.about.source_embedded',
  folder: 'ui.about.source_folder',
};

export const localeKey: Record<Locale, string> = {
  da: 'ui.settings.language_da',
  en: 'ui.settings.language_en',
};

export const targetAgeKey: Record<TargetGroup, string> = {
  barn_ung: 'ui.targets.under_18',
  voksen: 'ui.targets.over_18',
};

/** Screen name in the window title ("Handlekort – Beredskab"); the home screen uses the app name. */
export const screenTitleKey: Record<ScreenName, string | null> = {
  home: null,
  signs: 'ui.nav.signs',
  sign: 'ui.nav.signs',
  cards: 'ui.nav.cards',
  card: 'ui.nav.cards',
  print: 'ui.nav.cards',
  contacts: 'ui.nav.contacts',
  legal: 'ui.nav.legal',
  about: 'ui.nav.about',
  settings: 'ui.nav.settings',
  not_found: 'ui.errors.page_not_found',
};

export const sourceInlineKey: Record<PackSource, string> = {
  embedded: 'ui.settings.source_embedded',
  folder: 'ui.settings.source_folder',
};
