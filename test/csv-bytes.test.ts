/**
 * The byte fast path (pushBytes: records of plain numbers read from UTF-8 bytes) against the text
 * path (parseCsv on the decoded string): the same data set, notes and messages, wherever the
 * chunks are cut, for mostly numeric files with odd cells, lines and line ends mixed in.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCsvParser, parseCsv } from '../src/data/csv.js';
import { readCsvFile } from '../src/data/files.js';
import { tempDir } from './cli-run.js';
import type { CsvOptions } from '../src/data/csv.js';
import type { Dataset } from '../src/data/dataset.js';
import { decimalAt, decimalAtBytes } from '../src/data/fast-number.js';
import { Matrix } from '../src/matrix.js';
import { random } from './helpers/random.js';

/** Numbers outside the fast path or at its edges, and gaps (missing with 'mean'). */
const ODD_CELLS = ['"1.5"', ' 2 ', '\t3', '', 'NA', '-0', '1234567890123456', '0.30000000000000004', '1.', '.5', '+4', '12e-3', '5E+2', '1e-30', '"7\n"', '-'];
/** Cells that end in a message, rarer. */
const BAD_CELLS = ['abc', '1e39', '1e400', '0x1F', '1e', 'é', '"a,b"', '"x\ny"', '１', '"q""q"'];
/** Odd lines between records. */
const ODD_LINES = ['', '   ', '# comment, 1, 2', '\r', '#', '1,2,3,4,5,6,7'];

/** The last column: numbers (regression), whole numbers (classes), or a few labels, maybe with a few numbers. */
const TARGETS = ['numbers', 'classes', 'labels'] as const;

function text(next: () => number, columns: number, rows: number, odd: number, eol: string, target: (typeof TARGETS)[number], delimiter = ','): string {
  const lines = [Array.from({ length: columns }, (_, c) => `c${c}`).join(delimiter)];
  for (let r = 0; r < rows; r++) {
    if (next() < odd / 8) lines.push(ODD_LINES[Math.floor(next() * ODD_LINES.length)]!);
    const cells = Array.from({ length: columns }, (_, c) => {
      if (c === columns - 1 && target === 'classes') return next() < odd ? ' 1.0 ' : next() < 0.001 ? [' 07\t', '\t07', '7.0'][Math.floor(next() * 3)]! : String(Math.floor(next() * 4));
      if (c === columns - 1 && target === 'labels') return next() < odd ? '3' : ['cat', 'dog', 'é'][Math.floor(next() * 3)]!;
      if (next() < odd) return ODD_CELLS[Math.floor(next() * ODD_CELLS.length)]!;
      if (next() < odd / 30) return BAD_CELLS[Math.floor(next() * BAD_CELLS.length)]!;
      const v = (next() * 2 - 1) * 10 ** Math.floor(next() * 8 - 3);
      return next() < 0.5 ? v.toFixed(Math.floor(next() * 7)) : String(v);
    });
    lines.push(cells.join(delimiter));
  }
  return lines.join(eol) + (next() < 0.8 ? eol : '');
}

type Outcome = { data: Dataset; notes: string[] } | { error: string };

function outcome(read: (options: CsvOptions) => Dataset, options: CsvOptions): Outcome {
  const notes: string[] = [];
  try {
    return { data: read({ ...options, onNote: (n) => notes.push(n) }), notes };
  } catch (error) {
    return { error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
  }
}

/** Reads `source` as UTF-8 bytes cut at the fractions `cuts`, each chunk a view of one Buffer that the next chunk overwrites (as a file reader reusing its buffer). */
function byBytes(source: string, cuts: number[], sizeGuess = 1): (options: CsvOptions) => Dataset {
  return (options) => {
    const bytes = Buffer.from(source);
    const shared = Buffer.alloc(bytes.length);
    const parser = createCsvParser(sizeGuess === 0 ? options : { ...options, expectedBytes: Math.round(sizeGuess * bytes.length) });
    let at = 0;
    for (const cut of [...cuts.map((c) => Math.floor(c * bytes.length)).sort((a, b) => a - b), bytes.length]) {
      const to = Math.min(bytes.length, Math.max(at, cut));
      shared.fill(0x2c);
      bytes.copy(shared, 0, at, to);
      parser.pushBytes(shared.subarray(0, to - at));
      at = to;
    }
    return parser.end();
  };
}

function assertSame(actual: Outcome, expected: Outcome, label: string): void {
  if ('error' in expected || 'error' in actual) return assert.deepEqual(actual, expected, label);
  const [a, e] = [actual.data, expected.data];
  assert.deepEqual({ ...a, inputs: undefined, targets: undefined, labels: undefined }, { ...e, inputs: undefined, targets: undefined, labels: undefined }, label);
  assert.deepEqual(actual.notes, expected.notes, label);
  for (const key of ['inputs', 'targets'] as const) {
    const [x, y] = [a[key] as Matrix | undefined, e[key] as Matrix | undefined];
    if (y === undefined) {
      assert.equal(x, undefined, label);
      continue;
    }
    assert.ok(x instanceof Matrix && x.rows === y.rows && x.cols === y.cols && x.data.constructor === y.data.constructor, `${label}: ${key} shape`);
    for (let i = 0; i < y.data.length; i++) if (!Object.is(x.data[i], y.data[i])) assert.fail(`${label}: ${key}[${i}] ${x.data[i]} vs ${y.data[i]}`);
  }
  assert.deepEqual(a.labels === undefined ? undefined : Array.from(a.labels), e.labels === undefined ? undefined : Array.from(e.labels), label);
}

test('bytes and text give the same data set or the same message, for any chunk cuts', () => {
  const next = random(11);
  for (let k = 0; k < 180; k++) {
    const columns = 1 + Math.floor(next() * 5);
    const odd = [0, 0, 0.0005, 0.002, 0.02][k % 5]!;
    const source = text(next, columns, 1200 + Math.floor(next() * 1800), odd, next() < 0.3 ? '\r\n' : '\n', TARGETS[Math.floor(k / 5) % 3]!);
    const options: CsvOptions = ([{}, { target: null }, { target: null, missing: 'mean' }, { missing: 'drop' }, { dtype: 'float64', target: null }, { target: 0, categorical: columns > 1 ? [columns - 1] : [] }] as CsvOptions[])[k % 6]!;
    const expected = outcome((o) => parseCsv(source, o), options);
    const cuts = Array.from({ length: Math.floor(next() * 6) }, next);
    const sizeGuess = [0, 1, 0.3, 3][k % 4]!;
    assertSame(outcome(byBytes(source, cuts, sizeGuess), options), expected, `case ${k} (size guess ${sizeGuess}) (${columns} columns, odd ${odd}, cuts ${cuts.map((c) => c.toFixed(3))})`);
  }
});

test('bytes: a split at every position of a small numeric file, with CRLF, a BOM, spaces and a last line without its end', () => {
  const source = '\uFEFFa,b\r\n1,2\r\n 3 ,\t4\r\n5.5,-6e2\r\n7,8';
  const expected = outcome((o) => parseCsv(source, o), { target: null });
  const bytes = new TextEncoder().encode(source);
  for (let cut = 0; cut <= bytes.length; cut++) {
    assertSame(outcome(byBytes(source, [cut / bytes.length]), { target: null }), expected, `cut at ${cut}`);
    assertSame(outcome(byBytes(source, [cut / bytes.length, (cut + 1) / bytes.length]), { target: null }), expected, `cuts at ${cut}, ${cut + 1}`);
  }
  assert.ok('data' in expected);
  assert.deepEqual(Array.from((expected.data.inputs as Matrix).data), [1, 2, 3, 4, 5.5, -600, 7, 8]);
});

test('bytes: messages name the same line and column after many fast records', () => {
  const rows = Array.from({ length: 3000 }, (_, r) => `${r * 0.5},${r % 7}.25,${(r * 37) % 1001}.5`);
  for (const bad of ['1e39', 'abc', '', '"', '1,2']) {
    const source = `a,b,y\n${rows.join('\n')}\n4,${bad},6\n${rows.slice(0, 10).join('\n')}\n`;
    const expected = outcome((o) => parseCsv(source, o), {});
    assert.ok('error' in expected, bad);
    assertSame(outcome(byBytes(source, [0.3, 0.6]), {}), expected, bad);
  }
});

test('decimalAtBytes reads what Number() reads, where it reads a number at all', () => {
  const next = random(5);
  const spellings = (v: number) => [v.toFixed(6), String(v), v.toExponential(3), v.toPrecision(15), v.toPrecision(17), '-0', '+0.0', '007', '.5', '5.', '1e', '+', '-.e1', '1e1000', '9'.repeat(15), '9'.repeat(16), '0.000000000000000000000001', '1e22', '1e23', '123e-25'];
  let read = 0;
  for (let k = 0; k < 5000; k++) {
    const v = (next() * 2 - 1) * 10 ** Math.floor(next() * 40 - 20);
    for (const s of spellings(v)) {
      const end = { end: -1 };
      const x = decimalAtBytes(new TextEncoder().encode(`${s},`), 0, s.length + 1, end);
      const reference = decimalAt(`${s},`, 0, s.length + 1, { end: 0 });
      if (x !== x) continue; // left to the slower exact path
      read++;
      assert.ok(Object.is(x, Number(s)) && end.end === s.length, `${s}: ${x} (end ${end.end}) vs ${Number(s)}`);
      assert.ok(Object.is(x, reference), `${s}: decimalAt gives ${reference}`);
    }
  }
  assert.ok(read > 30_000, `read ${read}`);
});

test('bytes: characters of several bytes cut between chunks read as in the text', () => {
  const source = 'x,kind,y\n1,é,0\n2,日本,1\n3,é,0\n4,日本,1\n';
  const expected = outcome((o) => parseCsv(source, o), {});
  const bytes = new TextEncoder().encode(source);
  for (let cut = 0; cut <= bytes.length; cut++) assertSame(outcome(byBytes(source, [cut / bytes.length]), {}), expected, `cut at ${cut}`);
  assert.ok('data' in expected);
  assert.deepEqual(expected.data.columns?.[1], { name: 'kind', kind: 'categorical', categories: ['é', '日本'] });
});

test('bytes: a comment marker that can start a number still marks a comment line', () => {
  const rows = Array.from({ length: 400 }, (_, r) => `${r}.5,${(r * 7) % 13}`);
  const source = `a,b\n${rows.join('\n')}\n-1,2\n+3,4\n${rows.join('\n')}\n`;
  for (const comment of ['-', '+']) {
    const expected = outcome((o) => parseCsv(source, o), { target: null, comment });
    assert.ok('data' in expected && (expected.data.inputs as Matrix).rows === 801, comment);
    assertSame(outcome(byBytes(source, [0.5]), { target: null, comment }), expected, comment);
  }
});

test('bytes: a column that counts rows is left out with a note, and one that stops counting late is not', () => {
  const rows = (broken: number) => Array.from({ length: 5000 }, (_, r) => `${r === broken ? 0 : r + 1},${(r * 0.37) % 5},${(r * 7919) % 3001}.5`);
  for (const broken of [-1, 4990, 2500]) {
    const source = `id,x,y\n${rows(broken).join('\n')}\n`;
    const expected = outcome((o) => parseCsv(source, o), {});
    assert.ok('data' in expected);
    assert.equal(expected.notes.some((n) => n.includes('left out column "id" (1, 2, ... 5000): it counts rows')), broken < 0, String(broken));
    assert.equal(expected.data.featureNames.join(), broken < 0 ? 'x' : 'id,x', String(broken));
    assertSame(outcome(byBytes(source, [0.2, 0.7]), {}), expected, String(broken));
  }
});

test('bytes with the input size known: rows reserved at a guess that is right, short or long give the same data set', () => {
  const next = random(9);
  const rows = Array.from({ length: 40_000 }, (_, r) => `${(next() * 100).toFixed(3)},${r % 11},${(next() * 10).toFixed(2)},${r % 3}`);
  const source = `a,b,c,y\n${rows.join('\n')}\n`;
  for (const task of ['classification', 'regression'] as const) {
    const expected = outcome((o) => parseCsv(source, o), { task });
    assert.ok('data' in expected);
    for (const guess of [1, 0.3, 3]) {
      const actual = outcome(byBytes(source, [0.25, 0.5], guess), { task });
      assertSame(actual, expected, `${task}, size guess ${guess}`);
      const inputs = ('data' in actual ? actual.data.inputs : undefined) as Matrix;
      // Within the reserved room the matrix is a view of it (no copy); past it, a copy of exact size.
      assert.equal(inputs.data.buffer.byteLength > inputs.data.byteLength, guess >= 1, `${task}, size guess ${guess}`);
    }
  }
});

test('bytes: a tab or a space as the delimiter is a delimiter, not whitespace around a number', () => {
  const next = random(21);
  for (let k = 0; k < 24; k++) {
    const delimiter = k % 2 === 0 ? '\t' : ' ';
    const columns = 1 + (k % 4);
    let source = text(next, columns, 1500, [0, 0.002][k % 2]!, '\n', 'numbers', delimiter);
    // A stray delimiter at some line ends: one more (empty) field there.
    if (k % 3 === 0) source = source.split('\n').map((line, i) => (i === 1000 ? `${line}${delimiter}` : line)).join('\n');
    const options: CsvOptions = { delimiter, target: null, missing: 'mean' };
    const expected = outcome((o) => parseCsv(source, o), options);
    assertSame(outcome(byBytes(source, [0.5], 1), options), expected, `case ${k} (${JSON.stringify(delimiter)}, ${columns} columns)`);
  }
});

test('bytes: records longer than what is held back between chunks read the same', () => {
  const next = random(33);
  const width = 12_000;
  const rows = Array.from({ length: 6 }, () => Array.from({ length: width }, () => (next() * 1000).toFixed(4)).join(','));
  const source = `${Array.from({ length: width }, (_, c) => `c${c}`).join(',')}\n${rows.join('\n')}\n`;
  const options: CsvOptions = { target: null };
  const expected = outcome((o) => parseCsv(source, o), options);
  assert.ok('data' in expected);
  const cuts = Array.from({ length: 40 }, (_, i) => (i + 1) / 41);
  assertSame(outcome(byBytes(source, cuts, 1), options), expected, 'cut in 41 chunks');
});

test('readCsvFile (a file read in reused chunks, its size known) gives what parseCsv gives on its text', async () => {
  const next = random(44);
  const dir = tempDir();
  for (const [k, eol] of [[0, '\n'], [1, '\r\n'], [2, '\n']] as const) {
    const source = text(next, 5, 25_000, [0, 0.0005, 0.002][k]!, eol, TARGETS[k]!);
    const path = join(dir, `file-${k}.csv`);
    writeFileSync(path, k === 2 ? `\uFEFF${source}` : source);
    const expected = outcome((o) => parseCsv(source, o), { file: path });
    const notes: string[] = [];
    let actual: Outcome;
    try {
      actual = { data: await readCsvFile(path, { onNote: (n) => notes.push(n) }), notes };
    } catch (error) {
      actual = { error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
    }
    assertSame(actual, expected, `file ${k}`);
    if (k === 0) assert.ok('data' in actual && (actual.data.inputs as Matrix).rows === 25_000, 'file 0 reads every row');
  }
});

test('bytes with decimal comma (";" between fields) read as the text reader reads them', () => {
  const next = random(55);
  for (let k = 0; k < 24; k++) {
    const columns = 1 + (k % 5);
    // Numbers written with ',' for the mark; the odd cells keep their '.' (text under decimal ',').
    const source = text(next, columns, 1500, [0, 0, 0.002][k % 3]!, k % 2 === 0 ? '\n' : '\r\n', TARGETS[k % 3]!, ';').replace(/(\d)\.(\d)/g, (m, a: string, b: string) => (next() < 0.999 ? `${a},${b}` : m));
    const options = ([{}, { target: null, missing: 'mean' }, { decimal: ',', delimiter: ';' }] as CsvOptions[])[k % 3]!;
    const expected = outcome((o) => parseCsv(source, o), options);
    assertSame(outcome(byBytes(source, [0.3, 0.6], 1), options), expected, `case ${k} (${columns} columns)`);
  }
});
