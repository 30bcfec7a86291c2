/** Fuzz families for data files: CSV for train, IDX (plain and gzip, bombs included) for the reader. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { readIdxFile } from '../../src/data/files.js';
import { BackpropError } from '../../src/errors/backprop-error.js';
import { check, type FamilyReport } from './harness.js';

const CELLS = [' 1 ', '"\t2\n"', '', 'abc', '1e400', '-0', '0x1F', 'NaN', 'Infinity', '"a,b"', '"q""q"', '3.5', '-12', '1e-300', '  ', '"', '#7'];
const MUTATIONS = ['none', 'none', 'bom', 'utf16', 'nul', 'crlf', 'ragged', 'comment', 'blank-lines', 'unclosed', 'header-only', 'empty'] as const;

interface CsvCase {
  readonly columns: number;
  readonly rows: number;
  readonly header: boolean;
  readonly cells: string[];
  readonly mutation: (typeof MUTATIONS)[number];
  /** Numbers only in the cells (the mutation still applies). */
  readonly clean: boolean;
}

const csvCase: fc.Arbitrary<CsvCase> = fc.record({
  columns: fc.integer({ min: 1, max: 6 }),
  rows: fc.integer({ min: 1, max: 30 }),
  header: fc.boolean(),
  cells: fc.array(fc.oneof(fc.constantFrom(...CELLS), fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map(String), fc.integer({ min: -5, max: 5 }).map(String)), { minLength: 200, maxLength: 200 }),
  mutation: fc.constantFrom(...MUTATIONS),
  clean: fc.boolean(),
});

/** The CSV bytes of a case, and whether it must be refused. */
function csvBytes(c: CsvCase): { bytes: Buffer; mustRefuse: boolean } {
  let k = 0;
  const cells = c.clean ? c.cells.filter((s) => /^-?\d+(\.\d+)?(e[+-]?\d+)?$/.test(s) && Math.abs(Number(s)) < 1e30) : c.cells;
  const cell = () => (cells.length === 0 ? '1' : cells[k++ % cells.length]!);
  const lines: string[] = [];
  if (c.header || c.mutation === 'header-only') lines.push(Array.from({ length: c.columns }, (_, i) => `col${i}`).join(','));
  const rows = c.mutation === 'header-only' || c.mutation === 'empty' ? 0 : c.rows;
  for (let r = 0; r < rows; r++) lines.push(Array.from({ length: c.columns }, cell).join(','));
  // An odd number of quotes outside comment lines leaves a quoted field open at the end.
  const quotes = lines.filter((l) => !l.startsWith('#')).reduce((n, l) => n + l.split('"').length - 1, 0);
  let mustRefuse = c.mutation === 'header-only' || c.mutation === 'empty' || quotes % 2 === 1;
  if (c.mutation === 'ragged' && lines.length > 1 && !lines[lines.length - 1]!.startsWith('#')) {
    lines[lines.length - 1] += ',9,9';
    mustRefuse = true;
  }
  if (c.mutation === 'comment') lines.splice(Math.min(1, lines.length), 0, '# a comment, 1, 2, 3');
  if (c.mutation === 'blank-lines') lines.splice(Math.min(1, lines.length), 0, '', '   ');
  if (c.mutation === 'unclosed') {
    lines.push('"never closed,1');
    mustRefuse = true;
  }
  let text = lines.join(c.mutation === 'crlf' ? '\r\n' : '\n') + '\n';
  if (c.mutation === 'nul') {
    text = text.replace(',', ',\0');
    mustRefuse = true;
  }
  if (c.mutation === 'utf16') return { bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), mustRefuse: true };
  if (c.mutation === 'bom') return { bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), mustRefuse };
  return { bytes: Buffer.from(text), mustRefuse };
}

/** CSV files given to `train`: refused with the file named, or trained on; never a crash. */
export async function fuzzCsv(into: FamilyReport, count: number, seed: number, dir: string): Promise<void> {
  const cases = fc.sample(csvCase, { seed, numRuns: count });
  for (let i = 0; i < cases.length; i++) {
    const path = join(dir, `case-${i}.csv`);
    const { bytes, mustRefuse } = csvBytes(cases[i]!);
    writeFileSync(path, bytes);
    const args = ['train', path, '--epochs', '1', '--no-out', '--quiet', '--layers', '2', '--batch-size', '8'];
    await check(into, args, { outcome: mustRefuse ? 'refuse' : 'either', mustName: [path, '--target', '--layers'] });
  }
}

interface IdxCase {
  readonly magic: number;
  readonly dims: number[];
  readonly delta: number;
  readonly gzip: 'none' | 'gzip' | 'truncated';
}

const idxCase: fc.Arbitrary<IdxCase> = fc.record({
  magic: fc.constantFrom(0x08, 0x08, 0x08, 0x0d, 0x00, 0xff),
  dims: fc.array(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(2 ** 31, 2 ** 32 - 1, 65536, 1e6)), { minLength: 0, maxLength: 4 }),
  delta: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: -20, max: 20 }), fc.constant(20e6)),
  gzip: fc.constantFrom('none', 'gzip', 'truncated'),
});

/** IDX files, plain and gzipped, with headers claiming up to 2^32 items and gzip bombs: exact bodies load, everything else is one error naming the file. */
export async function fuzzIdx(into: FamilyReport, count: number, seed: number, dir: string): Promise<void> {
  const cases = fc.sample(idxCase, { seed: seed + 1, numRuns: count });
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    const header = Buffer.alloc(4 + 4 * c.dims.length);
    header[2] = c.magic;
    header[3] = c.dims.length;
    c.dims.forEach((d, j) => header.writeUInt32BE(d >>> 0, 4 + 4 * j));
    const claimed = c.dims.reduce((a, b) => a * b, 1);
    const small = claimed <= 1e5;
    const bodyLength = Math.max(0, (small ? claimed : 16) + c.delta);
    let bytes = Buffer.concat([header, Buffer.alloc(bodyLength, 7)]);
    if (c.gzip !== 'none') bytes = gzipSync(bytes);
    if (c.gzip === 'truncated') bytes = bytes.subarray(0, Math.max(2, bytes.length - 9));
    const path = join(dir, `case-${i}.idx`);
    writeFileSync(path, bytes);
    const valid = c.magic === 0x08 && c.dims.length > 0 && small && bodyLength === claimed && c.gzip !== 'truncated';
    into.cases++;
    const args = ['readIdxFile', path, JSON.stringify(c)];
    try {
      await readIdxFile(path);
      into.accepted++;
      if (!valid) into.failures.push({ kind: 'accepted', args, detail: 'a malformed IDX file loaded' });
    } catch (error) {
      into.refused++;
      if (!(error instanceof BackpropError)) into.failures.push({ kind: 'crash', args, detail: String(error) });
      else if (!error.message.includes(path)) into.failures.push({ kind: 'unclear', args, detail: error.message });
      else if (valid) into.failures.push({ kind: 'refused', args, detail: error.message });
    }
  }
}
