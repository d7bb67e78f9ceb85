// What the generated bindings (src/bindings.ts) call instead of @tauri-apps: every command goes
// through the chosen Backend, and every failure arrives as an ApiError.
import { toApiError } from '../apiError';
import { backend } from './backend';

export async function invoke<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await backend().invoke<T>(command, args ?? {});
  } catch (e) {
    throw toApiError(e);
  }
}
