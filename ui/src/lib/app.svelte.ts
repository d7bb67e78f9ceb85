import type { AppState, NoticeView, PackInfo } from '../bindings';
import type { ApiError } from './apiError';

/** App-wide state from the backend. `generation` grows whenever the content pack changes. */
class AppStore {
  pack = $state.raw<PackInfo | null>(null);
  notices = $state.raw<NoticeView[]>([]);
  dismissed = $state.raw<string[]>([]);
  startError = $state.raw<ApiError | null>(null);
  generation = $state(0);

  apply(state: AppState): void {
    this.pack = state.pack;
    this.notices = state.notices;
  }

  packChanged(info: PackInfo): void {
    this.pack = info;
    this.generation += 1;
  }

  dismiss(code: string): void {
    this.dismissed = [...this.dismissed, code];
  }

  get visibleNotices(): NoticeView[] {
    return this.notices.filter((n) => !this.dismissed.includes(n.code));
  }
}

export const app = new AppStore();
