// Literal translation keys for backend enums (kept literal so check-i18n can verify them).
import type {
  ActivityType,
  AgeBand,
  AuditAction,
  CaseStage,
  ConcernState,
  Gender,
  ItemKind,
  Locale,
  PackSource,
  PlaceType,
  Role,
  Severity,
  TargetGroup,
  Tier,
  ViewPurpose,
} from '../bindings';
import { CHILD_AGE_BANDS } from '../bindings';
import type { Household } from './guided.svelte';

export const roleKey: Record<Role, string> = {
  alle: 'ui.roles.alle',
  laerer_paedagog: 'ui.roles.laerer_paedagog',
  sundhedsperson: 'ui.roles.sundhedsperson',
  jobkonsulent_sagsbehandler: 'ui.roles.jobkonsulent_sagsbehandler',
  social_kontrol_vejleder: 'ui.roles.social_kontrol_vejleder',
  raadgiver_boern_unge: 'ui.roles.raadgiver_boern_unge',
  leder: 'ui.roles.leder',
  anden_medarbejder: 'ui.roles.anden_medarbejder',
};

/** The roles a person picks their own from, in the order they are offered (as in the pack's README). */
export const myRoleOrder: Role[] = [
  'laerer_paedagog',
  'sundhedsperson',
  'jobkonsulent_sagsbehandler',
  'social_kontrol_vejleder',
  'raadgiver_boern_unge',
  'leder',
  'anden_medarbejder',
];

/** Card groups: the cards written for everyone first, then each role. */
export const roleOrder: Role[] = ['alle', ...myRoleOrder];

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
  release: 'ui.about.source_release',
};

export const localeKey: Record<Locale, string> = {
  da: 'ui.settings.language_da',
  en: 'ui.settings.language_en',
};

export const targetAgeKey: Record<TargetGroup, string> = {
  barn_ung: 'ui.targets.under_18',
  voksen: 'ui.targets.over_18',
};

export const sourceInlineKey: Record<PackSource, string> = {
  embedded: 'ui.settings.source_embedded',
  folder: 'ui.settings.source_folder',
  release: 'ui.settings.source_release',
};

/**
 * A person's own role (the guided flow, the concern form and a stored concern). `alle` means
 * "written for everyone" on a card; as a person's role it is what older records hold for other
 * staff, so it is still shown, but it is no longer offered: `anden_medarbejder` is.
 */
export const myRoleKey: Record<Role, string> = {
  laerer_paedagog: 'ui.roles.laerer_paedagog',
  sundhedsperson: 'ui.roles.sundhedsperson',
  jobkonsulent_sagsbehandler: 'ui.roles.jobkonsulent_sagsbehandler',
  social_kontrol_vejleder: 'ui.roles.social_kontrol_vejleder',
  raadgiver_boern_unge: 'ui.roles.raadgiver_boern_unge',
  leder: 'ui.roles.leder',
  anden_medarbejder: 'ui.roles.anden_medarbejder',
  alle: 'ui.roles.other_staff_earlier',
};

/** Who each role is, where a person picks their own (the guided flow's hints). */
export const myRoleHintKey: Partial<Record<Role, string>> = {
  laerer_paedagog: 'ui.roles.laerer_paedagog_hint',
  sundhedsperson: 'ui.roles.sundhedsperson_hint',
  jobkonsulent_sagsbehandler: 'ui.roles.jobkonsulent_sagsbehandler_hint',
  raadgiver_boern_unge: 'ui.roles.raadgiver_boern_unge_hint',
  anden_medarbejder: 'ui.roles.anden_medarbejder_hint',
};

/** The roles to offer a person whose current choice is `current`: an older record's `alle` stays choosable. */
export function myRoleChoices(current: Role | null): Role[] {
  return current !== null && !myRoleOrder.includes(current) ? [...myRoleOrder, current] : myRoleOrder;
}

/** The person the concern is about, in the words of the guided flow's first question. */
export const whoKey: Record<TargetGroup, string> = {
  barn_ung: 'ui.guided.who_barn_ung',
  voksen: 'ui.guided.who_voksen',
};

export const targetOrder: TargetGroup[] = ['barn_ung', 'voksen'];

/** The answers to "Bor der børn under 18 i husstanden?" (the guided flow, for an adult). */
export const householdKey: Record<Household, string> = {
  ja: 'ui.common.answer_yes',
  nej: 'ui.common.answer_no',
  ved_ikke: 'ui.common.answer_unknown',
};

export const severityKey: Record<Severity, string> = {
  lav: 'ui.severity.lav',
  middel: 'ui.severity.middel',
  hoej: 'ui.severity.hoej',
  akut: 'ui.severity.akut',
};

export const severityOrder: Severity[] = ['lav', 'middel', 'hoej', 'akut'];

export const concernStateKey: Record<ConcernState, string> = {
  kladde: 'ui.concern_state.kladde',
  registreret: 'ui.concern_state.registreret',
};

/** Whether a concern is still an inquiry or has become a citizen case. */
export const caseStageKey: Record<CaseStage, string> = {
  henvendelse: 'ui.case_stage.henvendelse',
  borgersag: 'ui.case_stage.borgersag',
};

export const caseStageOrder: CaseStage[] = ['henvendelse', 'borgersag'];

export const ageBandOrder: AgeBand[] = ['0-5', '6-12', '13-17', '18-24', '25-39', '40-64', '65+'];

const childBands: readonly AgeBand[] = CHILD_AGE_BANDS;

/** Age bands that fit a target group; which bands are children's is the backend's rule. */
export const ageBandsFor: Record<TargetGroup, AgeBand[]> = {
  barn_ung: ageBandOrder.filter((b) => childBands.includes(b)),
  voksen: ageBandOrder.filter((b) => !childBands.includes(b)),
};

export const genderKey: Record<Gender, string> = {
  pige_kvinde: 'ui.gender.pige_kvinde',
  dreng_mand: 'ui.gender.dreng_mand',
  andet: 'ui.gender.andet',
};

export const genderOrder: Gender[] = ['pige_kvinde', 'dreng_mand', 'andet'];

export const purposeKey: Record<ViewPurpose, string> = {
  opfoelgning: 'ui.purpose.opfoelgning',
  sagsbehandling: 'ui.purpose.sagsbehandling',
  tilsyn: 'ui.purpose.tilsyn',
  rettelse: 'ui.purpose.rettelse',
};

export const purposeOrder: ViewPurpose[] = ['opfoelgning', 'sagsbehandling', 'tilsyn', 'rettelse'];

/** "0-5" → "0–5 år", "65+" → "65 år og derover" (the value itself is not shown). */
export const ageBandKey: Record<AgeBand, string> = {
  '0-5': 'ui.age_band.a0_5',
  '6-12': 'ui.age_band.a6_12',
  '13-17': 'ui.age_band.a13_17',
  '18-24': 'ui.age_band.a18_24',
  '25-39': 'ui.age_band.a25_39',
  '40-64': 'ui.age_band.a40_64',
  '65+': 'ui.age_band.a65',
};

/** What kind of activity was held (the activities page). */
export const activityTypeKey: Record<ActivityType, string> = {
  workshop: 'ui.activities.types.workshop',
  opkvalificering: 'ui.activities.types.opkvalificering',
  rettighedskursus: 'ui.activities.types.rettighedskursus',
  netvaerksmoede: 'ui.activities.types.netvaerksmoede',
  pilotforloeb: 'ui.activities.types.pilotforloeb',
};

export const activityTypeOrder: ActivityType[] = [
  'workshop',
  'opkvalificering',
  'rettighedskursus',
  'netvaerksmoede',
  'pilotforloeb',
];

/** The kind of place an activity was held at; never an address. */
export const placeTypeKey: Record<PlaceType, string> = {
  skole: 'ui.activities.places.skole',
  klub: 'ui.activities.places.klub',
  jobcenter: 'ui.activities.places.jobcenter',
  boligomraade: 'ui.activities.places.boligomraade',
  forening: 'ui.activities.places.forening',
  andet: 'ui.activities.places.andet',
};

export const placeTypeOrder: PlaceType[] = ['skole', 'klub', 'jobcenter', 'boligomraade', 'forening', 'andet'];

/** Labels of the concern form's fields, by ConcernData key, for the error summary. */
export const concernFieldKey: Record<string, string> = {
  observed_on: 'ui.concern.observed_on',
  recorder_role: 'ui.concern_form.recorder_role',
  recorder_unit: 'ui.concern_form.recorder_unit',
  target_group: 'ui.concern.target_group',
  age_band: 'ui.concern.age_band',
  gender: 'ui.concern.gender',
  signs: 'ui.concern.signs',
  severity: 'ui.concern.severity',
  note: 'ui.concern.note',
  'actions.cards_followed': 'ui.concern.cards_followed',
  'actions.contacted': 'ui.concern.contacted',
  'actions.underretning_sent': 'ui.concern.underretning_sent',
  'actions.underretning_date': 'ui.concern.underretning_date',
  follow_up: 'ui.concern.follow_up',
  case_ref: 'ui.concern.case_ref',
  case_stage: 'ui.concern.case_stage',
};

/** The free-text fields as the concern view names them (CPR warnings on stored versions, the log). */
export const textFieldKey: Record<string, string> = {
  note: 'ui.concern.note',
  recorder_unit: 'ui.concern.recorder_unit',
  case_ref: 'ui.concern.case_ref',
};

/** Names for the audit log's action codes: every code the backend may write. */
export const auditActionKey: Record<AuditAction, string> = {
  create: 'ui.audit_action.create',
  register: 'ui.audit_action.register',
  view: 'ui.audit_action.view',
  edit: 'ui.audit_action.edit',
  delete: 'ui.audit_action.delete',
  export: 'ui.audit_action.export',
  unlock: 'ui.audit_action.unlock',
  failed_unlock: 'ui.audit_action.failed_unlock',
  lock: 'ui.audit_action.lock',
  list: 'ui.audit_action.list',
  audit_view: 'ui.audit_action.audit_view',
  passphrase_change: 'ui.audit_action.passphrase_change',
  key_rotation: 'ui.audit_action.key_rotation',
  reset: 'ui.audit_action.reset',
  redact: 'ui.audit_action.redact',
  retention: 'ui.audit_action.retention',
  enroll: 'ui.audit_action.enroll',
  revoked_wipe: 'ui.audit_action.revoked_wipe',
};
