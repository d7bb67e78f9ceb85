import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fontPreload } from './scripts/font-preload';
import { localeUi } from './scripts/locale-plugin';

// The app runs inside Tauri under a strict CSP (no inline scripts or styles,
// no data: fonts), so everything is emitted as separate same-origin files.
export default defineConfig({
  plugins: [localeUi(), svelte(), fontPreload()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    // The locale files live in ../locales (shared with the Rust side).
    fs: { allow: ['..'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2021',
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
