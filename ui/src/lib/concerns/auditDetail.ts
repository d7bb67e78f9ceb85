// A short reading of an audit entry's detail (JSON from the backend: counts and ids, never
// content). Only what helps the reader is read; anything else is left to the raw detail.
import type { AuditAction } from '../../bindings';
import { formatDateTime, formatList, t, tn } from '../i18n';
import { concernStateKey, severityKey, targetKey, textFieldKey } from '../labels';

type Detail = Record<string, unknown>;

function parse(detail: string): Detail | null {
  try {
    const value: unknown = JSON.parse(detail);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Detail) : null;
  } catch {
    return null;
  }
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A label from a table, for a value the backend wrote; null when it is not in the table. */
function label(table: Record<string, string>, value: unknown): string | null {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value) ? t(table[value]!) : null;
}

/** The filter a list was shown with, as the names the user chose from. */
function filterNames(filter: unknown): string[] {
  if (filter === null || typeof filter !== 'object') return [];
  const f = filter as Detail;
  return [label(concernStateKey, f.state), label(severityKey, f.severity), label(targetKey, f.target_group)].filter(
    (name): name is string => name !== null,
  );
}

function listed(d: Detail): string | null {
  if (!isCount(d.count)) return null;
  const filter = filterNames(d.filter);
  return filter.length > 0
    ? tn('ui.audit_detail.listed_filtered', d.count, { filter: formatList(filter) })
    : tn('ui.audit_detail.listed', d.count);
}

function reset(d: Detail): string | null {
  if (!isCount(d.records_lost)) return null;
  const lost = d.records_lost === 0 ? t('ui.audit_detail.reset_none_lost') : tn('ui.audit_detail.reset_lost', d.records_lost);
  return typeof d.reset_at === 'string' ? `${t('ui.audit_detail.reset_at', { time: formatDateTime(d.reset_at) })} ${lost}` : lost;
}

function redacted(d: Detail): string | null {
  if (!isCount(d.revision)) return null;
  const fields = Array.isArray(d.fields) ? d.fields.map((f) => label(textFieldKey, f)).filter((n) => n !== null) : [];
  return fields.length > 0
    ? t('ui.audit_detail.redact_fields', { revision: d.revision, fields: formatList(fields) })
    : t('ui.audit_detail.redact', { revision: d.revision });
}

function enrolled(d: Detail): string | null {
  return typeof d.unit === 'string' && d.unit !== '' ? t('ui.audit_detail.enroll_unit', { unit: d.unit }) : null;
}

function revoked(d: Detail): string | null {
  if (!isCount(d.concerns) || !isCount(d.unsent)) return null;
  const unsent = d.unsent === 0 ? t('ui.audit_detail.revoked_none_unsent') : tn('ui.audit_detail.revoked_unsent', d.unsent);
  return `${tn('ui.audit_detail.revoked_concerns', d.concerns)} ${unsent}`;
}

/** The detail in words, or null when there is none or it cannot be read. */
export function auditDetailText(action: AuditAction, detail: string | null): string | null {
  if (detail === null) return null;
  const d = parse(detail);
  if (d === null) return null;
  switch (action) {
    case 'list':
      return listed(d);
    case 'reset':
      return reset(d);
    case 'redact':
      return redacted(d);
    case 'enroll':
      return enrolled(d);
    case 'revoked_wipe':
      return revoked(d);
    default:
      return null;
  }
}
