// Asks for the typeface's files from the page's <head>, in parallel with the script, instead of
// after the first layout has found that the text needs them.
import type { Plugin } from 'vite';

const FONT = /ibm-plex-sans-latin-\d+-normal-[\w-]+\.woff2$/;

export function fontPreload(): Plugin {
  return {
    name: 'beredskab-font-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const fonts = Object.keys(ctx.bundle ?? {}).filter((name) => FONT.test(name));
        return fonts.map((name) => ({
          tag: 'link',
          attrs: { rel: 'preload', href: `/${name}`, as: 'font', type: 'font/woff2', crossorigin: '' },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}
