// What a failed call rejects with: the backend's ApiError (its `code` a union generated from the
// Rust enums, so every `switch` on it is checked by the compiler), or a UI-side failure.
import type { ApiError as BackendError, ApiErrorCode, FieldView, ProblemView } from '../bindings';

/** Code for errors that did not come from the backend; their message is technical detail. */
export const UI_ERROR = 'ui_error';

export type ApiError = Omit<BackendError, 'code'> & { code: ApiErrorCode | typeof UI_ERROR };

export function toApiError(e: unknown): ApiError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const o = e as { code: unknown; message: unknown; problems?: unknown; fields?: unknown };
    return {
      code: String(o.code) as ApiErrorCode,
      message: String(o.message),
      problems: Array.isArray(o.problems) ? (o.problems as ProblemView[]) : [],
      fields: Array.isArray(o.fields) ? (o.fields as FieldView[]) : [],
    };
  }
  // Anything else is a failure on the UI side (e.g. no backend): no localised message to show.
  const detail = typeof e === 'string' ? e : e instanceof Error ? e.message : String(e);
  return { code: UI_ERROR, message: detail, problems: [], fields: [] };
}
