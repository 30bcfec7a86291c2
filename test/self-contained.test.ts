/**
 * A clean clone anywhere must work: no source, bench, script or test names a folder of one machine
 * (the sibling `shared` folder, a home or work directory), and the library's main entry stays free of
 * Node-only modules and of the shipped data files, so browser bundles fetch the digits only when asked.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

/** Text files below `dir` (sources, scripts), skipping generated and installed folders. */
function textFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return textFiles(path);
    return /\.(ts|mts|mjs|js|py|sh)$/.test(name) && !name.endsWith('.generated.ts') ? [path] : [];
  });
}

/** Machine-specific paths, spelled in pieces so that this file does not match itself. */
const FORBIDDEN = [['..', 'shared'].join('/'), ['', 'work', ''].join('/'), ['', 'home', ''].join('/'), ['', 'Users', ''].join('/'), ['', 'root', ''].join('/')];

test('no file in src/, bench/, scripts/ or test/ names a path of one machine', () => {
  const hits: string[] = [];
  for (const file of ['src', 'bench', 'scripts', 'test', 'examples'].flatMap(textFiles)) {
    readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
      for (const path of FORBIDDEN) if (line.includes(path)) hits.push(`${file}:${index + 1}: ${path}`);
    });
  }
  assert.deepEqual(hits, []);
});

test('the library entry (src/index.ts) statically imports no node: module and none of the shipped data files', () => {
  const seen = new Set<string>();
  const nodeImports: string[] = [];
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(?:import|export)[^;]*? from '([^']+)'/gm)) {
      const target = match[1]!;
      if (target.startsWith('node:')) nodeImports.push(`${relative('.', file)} imports ${target}`);
      if (target.startsWith('.')) visit(resolve(dirname(file), target.replace(/\.js$/, '.ts')));
    }
  };
  visit(resolve('src/index.ts'));
  assert.ok(seen.size > 20, `walked ${seen.size} files`);
  assert.deepEqual(nodeImports, []);
  const reached = [...seen].map((file) => relative('.', file));
  assert.deepEqual(reached.filter((file) => /package-data|builtin-files/.test(file)), []);
});
