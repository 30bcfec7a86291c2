/** Fuzz families for model files (inspect, predict), flags, and predict inputs. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { NUMERIC_FLAGS, parseFlag, type NumericFlagName } from '../../src/cli/numeric-flags.js';
import { check, type FamilyReport } from './harness.js';

type Json = unknown;

const HOSTILE_VALUES: Json[] = [null, -1, 0, 1.5, 1e9, 3e38, -3e38, 'x', '', [], {}, true, Number.MAX_SAFE_INTEGER, [1, 2], { kind: 'nope' }, 'AAAA', 'AACAfw=='];

/** Every path (as keys) inside a JSON value, breadth first, at most `limit`. */
function paths(value: Json, limit = 400): (string | number)[][] {
  const out: (string | number)[][] = [];
  const queue: [Json, (string | number)[]][] = [[value, []]];
  while (queue.length > 0 && out.length < limit) {
    const [v, p] = queue.shift()!;
    if (p.length > 0) out.push(p);
    if (Array.isArray(v)) v.slice(0, 6).forEach((e, i) => queue.push([e, [...p, i]]));
    else if (typeof v === 'object' && v !== null) for (const [k, e] of Object.entries(v)) queue.push([e, [...p, k]]);
  }
  return out;
}

function setAt(root: Json, path: (string | number)[], value: Json | undefined): void {
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

interface ModelCase {
  readonly pick: number;
  readonly value: number;
  readonly mode: 'set' | 'delete' | 'deep' | 'bom' | 'truncate' | 'twice';
  readonly command: 'inspect' | 'predict' | 'evaluate';
}

const modelCase: fc.Arbitrary<ModelCase> = fc.record({
  pick: fc.nat(),
  value: fc.nat(),
  mode: fc.constantFrom('set', 'set', 'set', 'delete', 'deep', 'bom', 'truncate', 'twice'),
  command: fc.constantFrom('inspect', 'predict', 'evaluate'),
});

/** Mutated copies of a good model file given to inspect, predict and evaluate. */
export async function fuzzModels(into: FamilyReport, count: number, seed: number, dir: string, goodModel: string, rows: string): Promise<void> {
  const text = readFileSync(goodModel, 'utf8');
  const base = JSON.parse(text) as Json;
  const all = paths(base);
  const cases = fc.sample(modelCase, { seed: seed + 2, numRuns: count });
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    const path = join(dir, `model-${i}.json`);
    const copy = structuredClone(base);
    let out: string;
    let mustRefuse = false;
    if (c.mode === 'bom') out = '\uFEFF' + text;
    else if (c.mode === 'truncate') {
      out = text.slice(0, c.value % text.length);
      mustRefuse = true;
    } else if (c.mode === 'deep') {
      const depth = 50 + (c.value % 100_000);
      setAt(copy, ['metadata', 'deep'], 0);
      out = JSON.stringify(copy).replace('"deep":0', `"deep":${'['.repeat(depth)}${']'.repeat(depth)}`);
      mustRefuse = depth + 2 > 64;
    } else {
      const p = all[c.pick % all.length]!;
      const p2 = all[c.value % all.length]!;
      setAt(copy, p, c.mode === 'delete' ? undefined : HOSTILE_VALUES[c.value % HOSTILE_VALUES.length]);
      if (c.mode === 'twice' && !p2.join('.').startsWith(p.join('.'))) {
        try {
          setAt(copy, p2, HOSTILE_VALUES[c.pick % HOSTILE_VALUES.length]);
        } catch {
          // the second path went away with the first change
        }
      }
      out = JSON.stringify(copy);
      const value = HOSTILE_VALUES[c.value % HOSTILE_VALUES.length];
      const harmless = p.length === 3 && ((p[2] === 'alpha' && c.mode !== 'delete' && typeof value === 'number') || (p[2] === 'bias' && c.mode !== 'delete' && value === null));
      mustRefuse = ['format', 'version', 'layers'].includes(String(p[0])) && p.length <= 3 && !harmless;
    }
    writeFileSync(path, out);
    const args = c.command === 'inspect' ? ['inspect', path, '--json'] : c.command === 'predict' ? ['predict', path, rows, '--json'] : ['evaluate', path, rows];
    // A mutation may touch free-form metadata: accepted is fine then, but output must stay finite.
    // inspect prints free-form metadata, where a null is data; predict and evaluate print numbers only.
    await check(into, args, { outcome: mustRefuse && c.command === 'inspect' ? 'refuse' : 'either', mustName: [path, rows], finiteOutput: c.command !== 'inspect' });
  }
}

const FLAG_VALUES = ['-1', '0', 'NaN', 'abc', '1.5', '', ' ', '0x10', '1e308', '1e-400', 'Infinity', '-Infinity', '9007199254740993', '2', '1', '0.5', '1e3', '-0', '1,2', '3 4'];
/** Flags whose valid values are too slow to try (many epochs, huge batches, long waits): only their invalid values run. */
const COSTLY = new Set(['--epochs', '--iterations', '--samples', '--early-stopping', '--port', '--batch-size', '--log-every', '--threads']);
const TRAIN_FLAGS: NumericFlagName[] = ['--epochs', '--batch-size', '--learning-rate', '--momentum', '--weight-decay', '--seed', '--test-split', '--validation-split', '--early-stopping', '--log-every'];
const SPEC_FLAGS: [string, string[]][] = [
  ['--schedule', ['exponential:-1', 'cosine:-1', 'step:10,-1', 'step:1.5,0.5', 'step:0,1', 'exponential:0', 'cosine:', 'step:', 'warp', 'exponential:NaN', 'step:2,0.5', 'cosine:0.001', 'constant']],
  ['--init', ['normal:-1', 'uniform:1,0', 'uniform:-1e308,1e308', 'normal:0', 'constant:1e39', 'uniform:', 'normal:NaN', 'nope', 'normal:0.1', 'uniform:-0.5,0.5', 'heNormal']],
  ['--inputs', ['affine:0,1', 'pixels:1,0', 'minmax:1,1', 'minmax:2,1', 'standardize+', 'nope', 'affine:1', 'standardize', 'minmax:0,1', 'none']],
  ['--layers', ['0', '-1', '1.5', 'abc', '100000000', '30000,30000', '', '4,,4', '1e3', '3', '4,4']],
  ['--one-hot', ['1,1', 'a,b', '0.01', '0,1', '0.01,0.99']],
];
const VALID_SPECS = new Set(['1e3', 'step:2,0.5', 'cosine:0.001', 'constant', 'normal:0.1', 'uniform:-0.5,0.5', 'heNormal', 'standardize', 'minmax:0,1', 'none', '3', '4,4', '0,1', '0.01,0.99', '']);

/** Flag values, numeric (judged by the declared range) and specs (schedules, initialisers, transforms, layers). */
export async function fuzzFlags(into: FamilyReport, count: number, seed: number): Promise<void> {
  const numeric = fc.record({ flag: fc.constantFrom(...TRAIN_FLAGS), value: fc.constantFrom(...FLAG_VALUES) });
  const spec = fc.record({ entry: fc.constantFrom(...SPEC_FLAGS), pick: fc.nat() });
  const cases = fc.sample(fc.oneof(numeric, spec), { seed: seed + 3, numRuns: count });
  for (const c of cases) {
    let flag: string;
    let value: string;
    let valid: boolean;
    if ('flag' in c) {
      flag = c.flag;
      value = c.value;
      try {
        parseFlag(c.flag, value, NUMERIC_FLAGS[c.flag]);
        valid = true;
      } catch {
        valid = false;
      }
      if (valid && COSTLY.has(flag)) continue;
    } else {
      flag = c.entry[0];
      value = c.entry[1][c.pick % c.entry[1].length]!;
      valid = VALID_SPECS.has(value) && !(flag === '--layers' && value === '');
      if (flag === '--layers' && value === '') valid = true;
    }
    const args = ['train', 'xor', '--epochs', '1', '--no-out', '--quiet', `${flag}=${value}`];
    await check(into, args, { outcome: valid ? 'either' : 'refuse', mustName: [flag, `"${value}"`, 'schedule', 'initialiser', 'preprocessing', 'layer', 'network', 'one-hot'] });
  }
  for (const [args, name] of [
    [['--threads', '1000', 'train', 'xor', '--no-out', '--quiet'], '--threads'],
    [['gradcheck', '--seed', '1.5'], '--seed'],
    [['gradcheck', '--layers', '2000,2000,2'], 'gradcheck'],
    [['explain', '--iterations', '1e12'], '--iterations'],
    [['--max-memory', 'lots', 'train', 'xor', '--no-out'], '--max-memory'],
  ] as [string[], string][]) {
    await check(into, args, { outcome: 'refuse', mustName: [name] });
  }
}

const PREDICT_ROWS = ['5.1,3.5,1.4,0.2', '1e300,3.5,1.4,0.2', '5.1,3.5,1.4', '5.1,3.5,1.4,0.2,9', 'a,b,c,d', ',,,', '" 5 ",3,1,0.2', '-1e38,0,0,0', '5.1;3.5;1.4;0.2', '"unclosed,1,2,3', '\0,1,2,3', '#5,3,1,0'];

/** Hostile rows for predict, from a file: refused naming the file, or predicted with finite numbers. */
export async function fuzzPredict(into: FamilyReport, count: number, seed: number, dir: string, goodModel: string, featureNames: readonly string[]): Promise<void> {
  const arbitrary = fc.record({
    header: fc.constantFrom('none', 'names', 'repeat', 'wrong', 'bom'),
    rows: fc.array(fc.oneof({ arbitrary: fc.constant('5.1,3.5,1.4,0.2'), weight: 4 }, { arbitrary: fc.constantFrom(...PREDICT_ROWS), weight: 1 }), { minLength: 0, maxLength: 6 }),
  });
  const cases = fc.sample(arbitrary, { seed: seed + 4, numRuns: count });
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    const header = c.header === 'names' || c.header === 'bom' ? featureNames.join(',') : c.header === 'repeat' ? [featureNames[0], ...featureNames.slice(0, -1)].join(',') : c.header === 'wrong' ? 'p,q,r,s' : undefined;
    const lines = [...(header === undefined ? [] : [header]), ...c.rows];
    const path = join(dir, `rows-${i}.csv`);
    writeFileSync(path, (c.header === 'bom' ? '\uFEFF' : '') + lines.join('\n') + '\n');
    const clean = c.rows.length > 0 && c.rows.every((r) => r === '5.1,3.5,1.4,0.2' || r === '" 5 ",3,1,0.2') && c.header !== 'repeat';
    const mustRefuse = c.header === 'repeat' || c.rows.some((r) => r.startsWith('1e300') || r.startsWith('"unclosed') || r.startsWith('\0')) || (c.rows.length === 0 && header !== undefined);
    await check(into, ['predict', goodModel, path, '--json'], { outcome: clean ? 'accept' : mustRefuse ? 'refuse' : 'either', mustName: [path] });
  }
}
