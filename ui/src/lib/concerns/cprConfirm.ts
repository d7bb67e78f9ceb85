// The user's answer to "this looks like a CPR number". The backend decides what looks like one
// (concern_check's cpr_fields); the form only remembers that the user confirmed it must stay.
// The answer is tied to the named fields and the digits in them: more words keep it, while a
// new or changed number, or another field that looks like it holds one, asks again.
import type { ConcernData } from '../../bindings';

function textOf(data: ConcernData, field: string): string {
  switch (field) {
    case 'note':
      return data.note;
    case 'recorder_unit':
      return data.recorder_unit;
    case 'case_ref':
      return data.case_ref ?? '';
    default:
      return '';
  }
}

/** What a confirmation covers: each named field with the runs of digits in its text. */
export function cprSignature(data: ConcernData, fields: readonly string[]): string {
  const runs = [...fields].sort().map((field) => [field, textOf(data, field).match(/\p{Nd}+/gu) ?? []]);
  return JSON.stringify(runs);
}

/** True when `fields` is empty (nothing to confirm) or the user confirmed exactly this. */
export function cprConfirmed(data: ConcernData, fields: readonly string[], confirmed: string | null): boolean {
  return fields.length === 0 || confirmed === cprSignature(data, fields);
}
