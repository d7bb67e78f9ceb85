#!/usr/bin/env node
// Only src/lib/backend/tauri.ts may use a @tauri-apps package. Everything else reaches the backend
// through the Backend interface (src/lib/backend/backend.ts), so the same screens and api.ts can
// later run over HTTP in the advisers' web dashboard. Exits 1 with the offending lines.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const uiDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(uiDir, 'src');
const ALLOWED = join(srcDir, 'lib', 'backend', 'tauri.ts');
// Any quoted module name: static and dynamic imports, re-exports, side-effect imports.
const TAURI = /(['"`])@tauri-apps\//;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : walk(full);
    return /\.(ts|js|mjs|svelte)$/.test(name) ? [full] : [];
  });
}

const files = walk(srcDir).sort();
const problems = [];
for (const file of files) {
  if (file === ALLOWED) continue;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (TAURI.test(line)) problems.push(`${relative(uiDir, file)}:${i + 1}: ${line.trim()}`);
    });
}

if (problems.length > 0) {
  console.error(`check-tauri: only ${relative(uiDir, ALLOWED)} may import @tauri-apps; go through the Backend instead:`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`check-tauri: ${files.length} files, only ${relative(uiDir, ALLOWED)} uses Tauri`);
