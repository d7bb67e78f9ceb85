import type { ConcernData, Guidance, GuidanceInput, Role, Severity, SignRef, TargetGroup } from '../bindings';

/** Every step of the guided flow, in order; `result` shows the guidance. */
export const allSteps = ['target', 'household', 'role', 'signs', 'acute', 'result'] as const;
export type Step = (typeof allSteps)[number];

/** "Bor der børn under 18 i husstanden?" – asked only when the concern is about an adult. */
export type Household = 'ja' | 'nej' | 'ved_ikke';
export const householdOrder: Household[] = ['ja', 'nej', 'ved_ikke'];

/** The steps for the person the concern is about: the household question only for an adult. */
export function stepsFor(target: TargetGroup | null): Step[] {
  return allSteps.filter((step) => step !== 'household' || target === 'voksen');
}

type GuidedState = {
  step: Step;
  target: TargetGroup | null;
  /** Only for an adult; kept when the target changes, but then not used. */
  household: Household | null;
  role: Role | null;
  signs: string[];
  acute: boolean | null;
  /** The chosen signs with titles, as they were when the guidance was asked for (for printing). */
  chosen: SignRef[];
  result: Guidance | null;
};

function fresh(): GuidedState {
  return { step: 'target', target: null, household: null, role: null, signs: [], acute: null, chosen: [], result: null };
}

/**
 * The guided flow's answers, kept in memory only (never in the URL or on disk) so that the
 * print view and "back" show them again. Lost when the app closes.
 */
export const guided = $state<GuidedState>(fresh());

export function restartGuided(): void {
  Object.assign(guided, fresh());
}

type Answers = Pick<GuidedState, 'target' | 'household' | 'role' | 'acute'>;

/**
 * The question to the backend, or null while an answer is missing.
 *
 * `children_in_household` is true only for "Ja". "Ved ikke" sends false: the backend would
 * otherwise show the duty to notify as settled and put the underretning card above the adult's
 * own route, when the caseworker does not yet know whether there is a child to notify about. The
 * possibility is not dropped: the result then says that the duty applies if children live in the
 * household, and to find out (see `householdUnknown`).
 */
export function guidanceInput(answers: Answers, signs: string[]): GuidanceInput | null {
  const { target, household, role, acute } = answers;
  if (target === null || role === null || acute === null) return null;
  if (target === 'voksen' && household === null) return null;
  return {
    target_group: target,
    role,
    signs,
    acute_danger: acute,
    children_in_household: target === 'voksen' && household === 'ja',
  };
}

/** An adult's concern where the caseworker does not know whether children live in the household. */
export function householdUnknown(answers: Pick<GuidedState, 'target' | 'household'>): boolean {
  return answers.target === 'voksen' && answers.household === 'ved_ikke';
}

/** A new, empty concern. */
export function emptyConcern(): ConcernData {
  return {
    observed_on: null,
    recorder_role: null,
    recorder_unit: '',
    target_group: null,
    age_band: null,
    gender: null,
    signs: [],
    severity: null,
    note: '',
    actions: { cards_followed: [], contacted: [], underretning_sent: false, underretning_date: null },
    follow_up: null,
    case_ref: null,
    case_stage: 'henvendelse',
  };
}

/** Data handed from the guided flow to the next new concern form (memory only, used once). */
export const concernPrefill = $state<{ data: ConcernData | null }>({ data: null });

/** Severity from the guided answers: acute danger, else any "handl nu" sign, else middel. */
export function guidedSeverity(result: Guidance): Severity {
  if (result.acute) return 'akut';
  if (result.act_now_signs.length > 0) return 'hoej';
  return 'middel';
}

/** Hand the guided answers to the new concern form. */
export function prefillFromGuided(): void {
  if (!guided.result) return;
  const data = emptyConcern();
  data.target_group = guided.target;
  data.recorder_role = guided.role;
  data.signs = [...guided.signs];
  data.severity = guidedSeverity(guided.result);
  concernPrefill.data = data;
}

/** Today's date in local time as YYYY-MM-DD, for `<input type="date">`. */
export function todayIso(): string {
  const d = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}
