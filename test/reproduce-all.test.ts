/** `reproduce --all`: one table over every experiment, misses counted, missing data reported (not thrown). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAll, reproduceAll } from '../src/reproduce/index.js';
import type { Experiment, ReproduceRow } from '../src/reproduce/index.js';
import { cli } from './cli-run.js';

const row = (metric: string, ours: number, pass: boolean): ReproduceRow => ({ metric, variant: 'both', seedReported: 0.5, ours, tolerance: '>= 0.5', pass });
const experiment = (name: string, rows: ReproduceRow[], missing?: string): Experiment => ({
  name,
  title: name,
  ...(missing === undefined ? {} : { missingData: () => missing }),
  run: async () => ({ name, title: name, notes: [], rows, seconds: 0 }),
});

test('reproduceAll: every experiment in order, a missed row is a miss, missing data is reported and counts only with requireData', async () => {
  const started: string[] = [];
  const experiments = [experiment('good', [row('a', 0.9, true)]), experiment('bad', [row('b', 0.1, false), row('c', 0.7, true)]), experiment('far', [row('d', 1, true)], 'no files in /nowhere')];
  const result = await reproduceAll({ experiments, onStart: (position, count, e) => started.push(`${position}/${count} ${e.name}`) });
  assert.deepEqual(started, ['1/3 good', '2/3 bad', '3/3 far']);
  assert.equal(result.misses, 1);
  assert.equal(result.passed, false);
  assert.equal(result.outcomes[2]!.report, undefined, 'an experiment without its data is not run');
  const table = formatAll(result).split('\n');
  assert.match(table[0]!, /^experiment\s+metric\s+variant\s+seed\s+ours\s+bound\s+pass$/);
  assert.match(table.find((l) => l.startsWith('bad ') && l.includes(' b '))!, /0\.1\s+>= 0\.5\s+NO$/);
  assert.match(table.find((l) => l.startsWith('far '))!, /not run.*skip$/);
  assert.ok(table.some((l) => l.includes('far not run: no files in /nowhere')));
  assert.match(table.at(-1)!, /^2 of 3 experiments run, 1 miss\(es\)$/);
  const strict = await reproduceAll({ experiments: experiments.filter((e) => e.name !== 'bad'), requireData: true });
  assert.deepEqual([strict.misses, strict.passed], [1, false]);
  const lenient = await reproduceAll({ experiments: experiments.filter((e) => e.name !== 'bad') });
  assert.deepEqual([lenient.misses, lenient.passed], [0, true]);
});

test('reproduce --all refuses a name or --data-path beside it, and --require-data alone, in one line with exit 2', async () => {
  for (const args of [['reproduce', '--all', 'seed004-or'], ['reproduce', '--all', '--data-path', 'x.csv'], ['reproduce', 'seed004-or', '--require-data']]) {
    const run = await cli(args);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  }
});
