// Reads `locales/*.yml?ui` at build time and hands the UI only its `ui:` tree, as JSON: the
// YAML parser stays out of the app's bundle, and nothing is parsed at start-up.
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { parse } from 'yaml';

const SUFFIX = '?ui';

export function localeUi(): Plugin {
  return {
    name: 'beredskab-locale-ui',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('.yml' + SUFFIX)) return null;
      const resolved = await this.resolve(source.slice(0, -SUFFIX.length), importer, { skipSelf: true });
      return resolved ? resolved.id + SUFFIX : null;
    },
    load(id) {
      if (!id.endsWith('.yml' + SUFFIX)) return null;
      const file = id.slice(0, -SUFFIX.length);
      this.addWatchFile(file);
      const doc: unknown = parse(readFileSync(file, 'utf8'));
      const ui = doc && typeof doc === 'object' && 'ui' in doc ? (doc as { ui: unknown }).ui : {};
      return `export default ${JSON.stringify(ui ?? {})};`;
    },
  };
}
