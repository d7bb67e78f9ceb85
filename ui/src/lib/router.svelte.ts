// The screen shown now, from the URL hash (see routes.ts for the URLs).
import type { Route } from './routes';
import { parseHash } from './url';

/** Go to a screen from code, as a link would. */
export function navigate(to: string): void {
  window.location.hash = to;
}

class Router {
  route = $state.raw<Route>(parseHash(window.location.hash));
  /** Grows on every navigation after the first screen. */
  visits = $state(0);

  start(): void {
    window.addEventListener('hashchange', () => {
      this.route = parseHash(window.location.hash);
      this.visits += 1;
    });
  }
}

export const router = new Router();
