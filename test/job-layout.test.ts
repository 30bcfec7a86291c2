/** The job record has one layout (src/backend/job-layout.ts); the kernels and the worker derive their offsets from it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as layout from '../src/backend/job-layout.js';
import { WORKER_SOURCE } from '../src/backend/wasm/worker.js';

const slots = Object.entries(layout).filter(([name]) => !['JOB_BYTES', 'JOB_SLOTS', 'JOB_GEMM', 'JOB_DENSE_FORWARD', 'JOB_ADAM', 'JOB_UPDATE_FORWARD', 'JOB_F32_SLOTS'].includes(name));

test('every slot is a distinct integer inside the record', () => {
  const numbers = slots.map(([, slot]) => slot);
  assert.equal(new Set(numbers).size, numbers.length, 'no two fields share a slot');
  assert.deepEqual([...numbers].sort((a, b) => a - b), Array.from({ length: layout.JOB_SLOTS }, (_, i) => i), 'slots 0..JOB_SLOTS-1, none unused');
  assert.ok(layout.JOB_SLOTS * 4 <= layout.JOB_BYTES);
});

test('the kernels and the worker name their slots (no bare offsets)', () => {
  const kernel = readFileSync('kernels/index.ts', 'utf8');
  assert.doesNotMatch(kernel, /load<[if]32>\(job, \d+\)/, 'kernels/index.ts reads the job through the layout');
  assert.match(kernel, /from '\.\.\/src\/backend\/job-layout'/);
  assert.doesNotMatch(WORKER_SOURCE, /slots \+ \$?\{?[A-Z_]+\}?\]/, 'the layout names are substituted into the worker source');
  assert.match(WORKER_SOURCE, new RegExp(`sync\\[slots \\+ ${layout.JOB_CHUNKS}\\]`), 'the chunk count is read from JOB_CHUNKS');
});

test('the f32 mask marks exactly the slots the kernels read as f32', () => {
  const kernel = readFileSync('kernels/index.ts', 'utf8');
  const read = new Set([...kernel.matchAll(/f32At\(job, (JOB_[A-Z0-9_]+)\)/g)].map((m) => m[1]!));
  const marked = slots.filter(([, slot]) => ((layout.JOB_F32_SLOTS >> slot) & 1) === 1).map(([name]) => name);
  assert.deepEqual([...read].sort(), marked.sort());
});

test('the wasm backend writes job records through the layout only (no bare slot numbers)', () => {
  const writer = readFileSync('src/backend/wasm/dispatch.ts', 'utf8');
  assert.doesNotMatch(writer, /(i32|f32|p|job)\[[a-z]* ?\+? ?\d+\]/, 'slots are named');
  assert.match(writer, /JOB_F32_SLOTS/, 'the record is written by the f32 mask');
});
