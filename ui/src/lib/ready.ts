// "Ready" is the first complete screen: the home screen with its action cards on it (or, when
// the app opens elsewhere, that screen mounted). Reported once, at the next frame after the DOM
// holds it; the cold-start benchmark stops its clock there.
import { api } from './api';

let reported = false;

export function reportReady(): void {
  if (reported) return;
  reported = true;
  requestAnimationFrame(() => {
    api.uiReady().catch(() => {});
  });
}
