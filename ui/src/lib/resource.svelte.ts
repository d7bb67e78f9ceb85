import type { ApiError } from './apiError';
import { toApiError } from './api';
import { app } from './app.svelte';
import { loadFinished, loadStarted } from './focus';

/**
 * Loads data for a screen. `load` runs inside an effect, so reactive values it reads
 * (a route id, the pack generation) make it load again; stale answers are dropped.
 * Must be created during component initialisation.
 */
export class Resource<T> {
  data = $state.raw<T | null>(null);
  error = $state.raw<ApiError | null>(null);
  loading = $state(true);

  constructor(load: () => Promise<T>) {
    $effect(() => {
      void app.generation;
      let stale = false;
      this.loading = true;
      loadStarted();
      load()
        .then(
          (data) => {
            if (stale) return;
            this.data = data;
            this.error = null;
            this.loading = false;
          },
          (e: unknown) => {
            if (stale) return;
            this.data = null;
            this.error = toApiError(e);
            this.loading = false;
          },
        )
        .finally(loadFinished);
      return () => {
        stale = true;
      };
    });
  }
}
