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

/** Every relative import (static, type-only, re-export or dynamic) of each file under src/, as src paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of typeScriptFiles('src')) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) =>
      relative(process.cwd(), resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'))),
    );
    graph.set(file, targets);
  }
  return graph;
}

/** The import circles of a graph: each strongly connected group of two or more files (Tarjan), plus self-imports. */
function importCircles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || (graph.get(file) ?? []).includes(file)) circles.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return circles;
}

test('the circle finder finds a circle when there is one', () => {
  const graph = new Map([
    ['a.ts', ['b.ts']],
    ['b.ts', ['c.ts']],
    ['c.ts', ['a.ts', 'd.ts']],
    ['d.ts', []],
  ]);
  assert.deepEqual(importCircles(graph), [['a.ts', 'b.ts', 'c.ts']]);
});

test('no import circles anywhere in src/ (type-only imports included)', () => {
  assert.deepEqual(importCircles(importGraph()), []);
});

test('nn does not import io (the model file format lives in nn/model-json.ts)', () => {
  const violations = [...importGraph()]
    .filter(([file]) => area(file) === 'nn')
    .flatMap(([file, targets]) => targets.filter((t) => area(t) === 'io').map((t) => `${file} imports ${t}`));
  assert.deepEqual(violations, []);
});
