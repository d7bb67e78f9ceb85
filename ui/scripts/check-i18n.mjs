#!/usr/bin/env node
// Checks the UI texts: every key used in ui/src exists in both locale files, the `ui:` key sets of
// da.yml and en.yml match (including their %{placeholders}), and no .svelte file has hard-coded
// human text. Exits 1 with a list of problems; prints a one-line summary on success.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parse as parseSvelte } from 'svelte/compiler';

const uiDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(uiDir, 'src');
const localesDir = resolve(uiDir, '..', 'locales');
const LOCALES = ['da', 'en'];
const TEXT_ATTRIBUTES = new Set([
  'aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext',
  'title', 'placeholder', 'alt', 'label',
]);
const LETTER = /\p{L}/u;

const problems = [];
const rel = (p) => relative(uiDir, p);

// --- locale files -------------------------------------------------------------------------
function flatten(node, prefix, out, file) {
  for (const [key, value] of Object.entries(node)) {
    const path = `${prefix}.${key}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value, path, out, file);
    else if (typeof value === 'string') out.set(path, value);
    else problems.push(`${file}: ${path} must be a text (found ${JSON.stringify(value)})`);
  }
}

const catalogs = {};
for (const locale of LOCALES) {
  const file = join(localesDir, `${locale}.yml`);
  const shown = relative(resolve(uiDir, '..'), file);
  let doc;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push(`${shown}: cannot be read or parsed: ${e.message}`);
    catalogs[locale] = new Map();
    continue;
  }
  const keys = new Map();
  if (!doc || typeof doc.ui !== 'object' || doc.ui === null) problems.push(`${shown}: has no top-level "ui:" mapping`);
  // Every key, not only the UI's: the backend's messages must exist in both languages too.
  else for (const [top, value] of Object.entries(doc)) flatten(value, top, keys, shown);
  catalogs[locale] = keys;
}

const placeholders = (text) => [...text.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
const [base, ...others] = LOCALES;
for (const other of others) {
  for (const key of catalogs[base].keys()) {
    if (!catalogs[other].has(key)) problems.push(`locales/${other}.yml: missing ${key} (present in ${base}.yml)`);
    else if (placeholders(catalogs[base].get(key)) !== placeholders(catalogs[other].get(key)))
      problems.push(`${key}: placeholders differ between ${base}.yml and ${other}.yml`);
  }
  for (const key of catalogs[other].keys())
    if (!catalogs[base].has(key)) problems.push(`locales/${base}.yml: missing ${key} (present in ${other}.yml)`);
}

// --- source files -------------------------------------------------------------------------
function walkDir(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return walkDir(full);
    // Unit tests are not UI: they name unknown keys on purpose, and a key only they use is unused.
    return /\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}
const files = walkDir(srcDir).sort();

function lineOf(source, index) {
  return source.slice(0, index).split('\n').length;
}

// A key resolves if it is a text, or a plural group with `one` and `other` (used via tn()).
function resolves(locale, key) {
  const keys = catalogs[locale];
  return keys.has(key) || (keys.has(`${key}.one`) && keys.has(`${key}.other`));
}

const used = new Set();
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  for (const m of source.matchAll(/(['"`])(ui\.[A-Za-z0-9_.]+)\1/g)) {
    const key = m[2];
    used.add(key);
    for (const locale of LOCALES)
      if (!resolves(locale, key)) problems.push(`${rel(file)}:${lineOf(source, m.index)}: key ${key} is missing from locales/${locale}.yml`);
  }
  for (const m of source.matchAll(/\btn?\(\s*`[^`]*\$\{/g))
    problems.push(`${rel(file)}:${lineOf(source, m.index)}: translation key built at run time; use a literal 'ui.…' key`);
  if (file.endsWith('.svelte')) checkMarkup(file, source);
}

function checkMarkup(file, source) {
  let ast;
  try {
    ast = parseSvelte(source, { modern: true });
  } catch (e) {
    problems.push(`${rel(file)}: cannot be parsed: ${e.message}`);
    return;
  }
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Text' && LETTER.test(node.data)) {
      problems.push(`${rel(file)}:${lineOf(source, node.start)}: hard-coded text "${node.data.trim().slice(0, 60)}"`);
    }
    if (node.type === 'Attribute') {
      // Only human-facing attributes matter; class, id, data-* and the like hold no UI text.
      if (TEXT_ATTRIBUTES.has(node.name.toLowerCase()) && Array.isArray(node.value))
        for (const part of node.value)
          if (part.type === 'Text' && LETTER.test(part.data))
            problems.push(`${rel(file)}:${lineOf(source, node.start)}: hard-coded ${node.name}="${part.data.slice(0, 60)}"`);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'instance' || key === 'module' || key === 'css' || key === 'expression' || key === 'metadata') continue;
      if (value && typeof value === 'object') visit(value);
    }
  };
  visit(ast.fragment);
}

const unused = [...catalogs[base].keys()].filter(
  (key) => key.startsWith('ui.') && !used.has(key) && !used.has(key.replace(/\.(one|other)$/, '')),
);
for (const key of unused) console.log(`note: ${key} is not used in ui/src`);

if (problems.length > 0) {
  console.error(`check-i18n: ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`check-i18n: ${catalogs[base].size} keys, ${files.length} files, 0 problems`);
