/**
 * No spread or apply over arrays in calls anywhere in src/: `push(...xs)`, `Math.max(...xs)` and
 * `f.apply(null, xs)` pass every element as an argument and overflow the call stack on
 * data-sized arrays (a 200,000-row split died that way). Use loops or reduce.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { typeScriptFiles } from './helpers/source-files.js';

const PATTERNS = [/\.(push|unshift)\(\s*\.\.\./, /Math\.(max|min)\(\s*\.\.\./, /\.apply\(/, /String\.fromCharCode\(\s*\.\.\./, /\.splice\([^)]*\.\.\./];

test('no spread or apply over arrays in calls in src/', () => {
  const hits: string[] = [];
  for (const file of typeScriptFiles('src')) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (PATTERNS.some((p) => p.test(line))) hits.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(hits, []);
});

test('the check finds the pattern it looks for', () => {
  assert.ok(PATTERNS.some((p) => p.test('test.push(...group.slice(0, n));')));
  assert.ok(PATTERNS.some((p) => p.test('const m = Math.max(...values);')));
  assert.ok(!PATTERNS.some((p) => p.test('const all = [...a, ...b];')));
});
