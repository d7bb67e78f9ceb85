// The Latin subset covers Danish (æ, ø, å); each font file is one more request at start-up.
import '@fontsource/ibm-plex-sans/latin-400.css';
import '@fontsource/ibm-plex-sans/latin-600.css';
import '@fontsource/ibm-plex-sans/latin-700.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/items.css';
import './styles/screens.css';
import './styles/concerns.css';
import './styles/print.css';

import { mount } from 'svelte';
import App from './App.svelte';
import { api, toApiError } from './lib/api';
import { prefetchCards } from './lib/firstCards';
import { app } from './lib/app.svelte';
import { useBackend } from './lib/backend/backend';
import { tauriBackend } from './lib/backend/tauri';
import { setLocale } from './lib/i18n';
import { router } from './lib/router.svelte';
import { followSync } from './lib/sync/syncStore.svelte';
import { followVault } from './lib/vault.svelte';

async function start(): Promise<void> {
  useBackend(tauriBackend);
  prefetchCards();
  try {
    const state = await api.appState();
    app.apply(state);
    setLocale(state.locale);
  } catch (e) {
    app.startError = toApiError(e);
  }
  router.start();
  followVault();
  followSync();
  const target = document.getElementById('app');
  if (target) mount(App, { target });
}

void start();
