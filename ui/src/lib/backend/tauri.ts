// The Backend of the desktop app. The only file in the UI that may import @tauri-apps
// (scripts/check-tauri.mjs enforces it), so the rest runs unchanged over another transport.
import { invoke as tauriInvoke } from '@tauri-apps/api/core';
import { listen as tauriListen } from '@tauri-apps/api/event';
import { open } from '@tauri-apps/plugin-dialog';
import type { Backend } from './backend';

export const tauriBackend: Backend = {
  invoke<T>(command: string, args: Record<string, unknown>): Promise<T> {
    return tauriInvoke<T>(command, args);
  },

  listen<T>(event: string, handler: (payload: T) => void): Promise<() => void> {
    return tauriListen<T>(event, (e) => handler(e.payload));
  },

  async pickFolder(title: string): Promise<string | null> {
    const picked = await open({ directory: true, multiple: false, title });
    return typeof picked === 'string' ? picked : null;
  },
};
