// The one door from the UI to the backend. The desktop app talks to Rust over Tauri's IPC; the
// advisers' web dashboard will bring an HTTP implementation, and the screens will not change.

export interface Backend {
  /** Runs a command; rejects with the backend's error object (see `toApiError`). */
  invoke<T>(command: string, args: Record<string, unknown>): Promise<T>;
  /** Calls `handler` with each payload of `event`; resolves to a function that stops listening. */
  listen<T>(event: string, handler: (payload: T) => void): Promise<() => void>;
  /** Asks the user for a folder; null if they cancel. `title` heads the dialog. */
  pickFolder(title: string): Promise<string | null>;
}

let current: Backend | null = null;

/** Chosen once, at start-up (main.ts), before anything calls the backend. */
export function useBackend(next: Backend): void {
  current = next;
}

export function backend(): Backend {
  if (current === null) throw new Error('no backend: main.ts must call useBackend() first');
  return current;
}
