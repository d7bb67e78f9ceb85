import type { CaseStage, ConcernData, FieldView } from '../bindings';
import { concernFieldKey } from './labels';

export type RadioOption<T> = { value: T; label: string; hint?: string; testid?: string };

/**
 * The messages for one field. `field` is a ConcernData key; the backend may name a part of it,
 * e.g. "signs[2]" or "actions.underretning_date", which belongs to the nearest field shown.
 */
export function messagesFor(errors: FieldView[], field: string): string[] {
  return errors
    .filter((e) => e.field === field || e.field.startsWith(field + '[') || e.field.startsWith(field + '.'))
    .map((e) => e.message);
}

/** The ConcernData key a backend field name belongs to ("signs[2]" → "signs"), or null. */
export function concernFieldOf(field: string): string | null {
  const known = Object.keys(concernFieldKey).sort((a, b) => b.length - a.length);
  return known.find((k) => field === k || field.startsWith(k + '[') || field.startsWith(k + '.')) ?? null;
}

/** Element id of the concern form's input (or group) for a ConcernData key. */
export function concernFieldId(key: string): string {
  return 'concern-' + key.replace(/[._]/g, '-');
}

/** A concern's stage: every concern starts as an inquiry, and records from before the field read as one. */
export function caseStageOf(data: Pick<ConcernData, 'case_stage'>): CaseStage {
  return data.case_stage ?? 'henvendelse';
}

/** The concern form's choice of stage, written to the data (promoting a registered concern saves a new revision). */
export function chooseCaseStage(data: Pick<ConcernData, 'case_stage'>, stage: CaseStage | null): void {
  data.case_stage = stage ?? 'henvendelse';
}
