/**
 * The dependency direction of DESIGN.md, enforced: the maths (matrix, random, math, backend, nn)
 * never imports from data, train, cli, plot, explain or the playground.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { typeScriptFiles } from './helpers/source-files.js';
import { test } from 'node:test';

/** Top-level area of a file under src/: 'matrix', 'nn', 'data', ... */
function area(file: string): string {
  const rel = relative('src', file);
  const first = rel.split('/')[0]!;
  return first.replace(/\.ts$/, '');
}

const core = new Set(['matrix', 'random', 'math', 'backend', 'nn']);
const upper = new Set(['data', 'train', 'cli', 'plot', 'explain', 'reproduce', 'report', 'estimators']);
const inCore = (a: string) => core.has(a);

test('the maths imports nothing upward', () => {
  const violations: string[] = [];
  for (const file of typeScriptFiles('src')) {
    if (!inCore(area(file))) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/from '(\.[^']+)'/g)) {
      const target = resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts'));
      const targetArea = area(relative(process.cwd(), target));
      if (upper.has(targetArea)) violations.push(`${file} imports ${match[1]}`);
    }
  }
  assert.deepEqual(violations, []);
});

test('the data module imports only matrix, random, backend types and sample sources', () => {
  let dataFiles: string[] = [];
  try {
    dataFiles = typeScriptFiles('src/data');
  } catch {
    return assert.ok(true, 'no data module yet');
  }
  const allowed = /^(matrix|random|backend|data|errors|train\/sample-source|package-data)/;
  const violations: string[] = [];
  for (const file of dataFiles) {
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = relative('src', resolve(dirname(file), match[1]!));
      if (!allowed.test(target)) violations.push(`${file} imports ${match[1]}`);
    }
  }
  assert.deepEqual(violations, []);
});

test('the estimators sit on top: only the entry points import them', () => {
  const violations: string[] = [];
  for (const file of typeScriptFiles('src')) {
    if (['estimators', 'index', 'node'].includes(area(file))) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = relative('src', resolve(dirname(file), match[1]!));
      if (target.startsWith('estimators/')) violations.push(`${file} imports ${match[1]}`);
    }
  }
  assert.deepEqual(violations, []);
});
