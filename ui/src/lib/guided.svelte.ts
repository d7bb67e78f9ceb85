import type { ConcernData, Guidance, Role, Severity, SignRef, TargetGroup } from '../bindings';

/** The guided flow's steps, in order; `result` shows the guidance. */
export const steps = ['target', 'role', 'signs', 'acute', 'result'] as const;
export type Step = (typeof steps)[number];

type GuidedState = {
  step: Step;
  target: TargetGroup | null;
  role: Role | null;
  signs: string[];
  acute: boolean | null;
  /** The chosen signs with titles, as they were when the guidance was asked for (for printing). */
  chosen: SignRef[];
  result: Guidance | null;
};

function fresh(): GuidedState {
  return { step: 'target', target: null, role: null, signs: [], acute: null, chosen: [], result: null };
}

/**
 * The guided flow's answers, kept in memory only (never in the URL or on disk) so that the
 * print view and "back" show them again. Lost when the app closes.
 */
export const guided = $state<GuidedState>(fresh());

export function restartGuided(): void {
  Object.assign(guided, fresh());
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
