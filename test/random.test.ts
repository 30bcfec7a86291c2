/** The seeded PRNG: reproducible, well spread, and the only source of randomness in src/. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { typeScriptFiles } from './helpers/source-files.js';
import { test } from 'node:test';
import { Random } from '../src/index.js';

test('the same seed gives the same stream; different seeds differ', () => {
  const a = new Random(42);
  const b = new Random(42);
  const c = new Random(43);
  const draw = (r: Random) => Array.from({ length: 5 }, () => r.next());
  const first = draw(a);
  assert.deepEqual(first, draw(b));
  assert.notDeepEqual(first, draw(c));
});

test('uniform and normal draws have the right moments', () => {
  const random = new Random(1);
  const n = 100_000;
  let sum = 0;
  let sumSquares = 0;
  let uniformSum = 0;
  for (let i = 0; i < n; i++) {
    const z = random.normal(2, 3);
    sum += z;
    sumSquares += z * z;
    const u = random.next();
    assert.ok(u >= 0 && u < 1);
    uniformSum += u;
  }
  const mean = sum / n;
  const sd = Math.sqrt(sumSquares / n - mean * mean);
  assert.ok(Math.abs(mean - 2) < 0.03, `mean ${mean}`);
  assert.ok(Math.abs(sd - 3) < 0.03, `sd ${sd}`);
  assert.ok(Math.abs(uniformSum / n - 0.5) < 0.005);
});

test('permutation holds every index once', () => {
  const p = new Random(3).permutation(1000);
  assert.deepEqual(Array.from(p).sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => i));
  assert.notDeepEqual(Array.from(p.slice(0, 10)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('no source file calls Math.random', () => {
  const offenders = typeScriptFiles('src').filter((file) => /Math\.random\s*\(/.test(readFileSync(file, 'utf8')));
  assert.deepEqual(offenders, []);
});

test('fillNormal gives exactly the values and the state of as many normal() calls, spare included', () => {
  for (const lengths of [[7, 4, 1], [128, 3], [0, 5, 6], [1, 1, 1]]) {
    const a = new Random(99);
    const b = new Random(99);
    a.normal(); // leaves a spare: fillNormal must use it first
    b.normal();
    for (const n of lengths) {
      for (const make of [(k: number) => new Float64Array(k), (k: number) => new Float32Array(k)]) {
        const filled = make(n);
        a.fillNormal(filled, 0.5, 2);
        const drawn = make(n);
        for (let i = 0; i < n; i++) drawn[i] = b.normal(0.5, 2);
        assert.deepEqual(Array.from(filled), Array.from(drawn), `length ${n}`);
      }
    }
    assert.equal(a.nextUint32(), b.nextUint32(), 'the generators end in the same state');
    assert.equal(a.normal(), b.normal(), 'and with the same spare');
  }
});
