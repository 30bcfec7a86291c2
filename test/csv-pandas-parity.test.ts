/**
 * backprop's CSV reader against pandas' read_csv on 1,500 generated cells and 600 generated
 * documents (test/fixtures/pandas-parity.json, written by scripts/pandas-parity.py with pandas
 * itself). Every difference must be one of the deliberate rules of the README's "CSV rules",
 * named here; anything else fails with the cell or document quoted. Documents are also fed in
 * chunks of 1-4 characters: the streaming reader must not depend on where chunks split.
 */
import { formattedNumberValue } from '../src/data/number-format.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CsvRecordReader, parseCsv } from '../src/data/index.js';
import { MISSING_TOKENS } from '../src/data/cells.js';
import { DataFormatError } from '../src/errors/data-format-error.js';

type PandasCell = number | 'missing' | 'infinite' | 'text';
interface Fixture {
  readonly pandas: string;
  readonly cells: { readonly cell: string; readonly pandas: PandasCell }[];
  readonly documents: { readonly text: string; readonly pandas: { readonly rows?: string[][]; readonly error?: string } }[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/pandas-parity.json', import.meta.url), 'utf8')) as Fixture;

/** Our reading of one cell in a column of numbers: a number, missing, or the reason a training read refused it. */
function ours(cell: string): number | 'missing' | 'text' | { refused: string } {
  const quoted = /[",\n\r]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
  try {
    const data = parseCsv(`a,b\n${quoted},1\n2,3\n`, { target: 'b', task: 'regression' });
    if (data.columns?.[0]?.kind === 'categorical') return 'text';
    return (data.inputs as { data: Float32Array }).data[0]!;
  } catch (error) {
    if (!(error instanceof DataFormatError)) throw error;
    if (/missing cell in column "a"/.test(error.message)) return 'missing';
    if (/is not a number, but the column holds/.test(error.message)) return 'text';
    return { refused: error.message };
  }
}

const markers = new Set(MISSING_TOKENS);

/** The README's rule that explains why our reading of `cell` differs from pandas', or undefined. */
function deliberate(cell: string, pandas: PandasCell, mine: ReturnType<typeof ours>): string | undefined {
  const trimmed = cell.trim();
  if (pandas === 'text' && mine === 'missing' && (markers.has(trimmed) || trimmed === 'None')) return 'markers and spaces-only cells are read trimmed ("None" is pandas 2 default)';
  if (pandas === 'text' && typeof mine === 'number' && formattedNumberValue(trimmed) === mine) return 'numbers written for people ("$1,200", "12%") are read as the numbers they write';
  if (typeof mine === 'object') {
    if (pandas === 'infinite' || /^[+-]?(inf|infinity)$/i.test(trimmed)) return /is not a finite number/.test(mine.refused) ? 'infinities are refused' : undefined;
    if (/is not a finite number/.test(mine.refused) && !Number.isFinite(Number(trimmed))) return 'numbers beyond float64 are refused, not read as text';
    if (/beyond the float32 range/.test(mine.refused) && (pandas === 'text' || Math.abs(pandas as number) > 3.4e38)) return 'numbers beyond float32 are refused';
    if (pandas === 'text' && /holds (numbers written with .* as thousands separator|amounts with a currency sign|percentages|negative numbers written with the minus sign)/.test(mine.refused)) return 'formatted numbers are named, with the option that reads them';
  }
  return undefined;
}

describe(`CSV parity with pandas ${fixture.pandas}`, () => {
  it('cells: the same number, missing cell or text, or a named deliberate rule', () => {
    const unexplained: string[] = [];
    const rules = new Map<string, number>();
    for (const { cell, pandas } of fixture.cells) {
      const mine = ours(cell);
      const same = typeof pandas === 'number' ? typeof mine === 'number' && Math.abs(mine - pandas) <= 1e-6 * Math.max(1, Math.abs(pandas)) : mine === pandas;
      if (same) continue;
      const rule = deliberate(cell, pandas, mine);
      if (rule === undefined) unexplained.push(`${JSON.stringify(cell)}: pandas ${String(pandas)}, ours ${JSON.stringify(mine)}`);
      else rules.set(rule, (rules.get(rule) ?? 0) + 1);
    }
    assert.deepEqual(unexplained, []);
    assert.ok(fixture.cells.length - [...rules.values()].reduce((a, b) => a + b, 0) > 1300, 'most cells read exactly as pandas reads them');
  });

  it('documents: the same rows of strings, whole or in chunks of 1-4 characters, or a named deliberate rule', () => {
    let seed = 7;
    const next = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const read = (text: string, chunked: boolean): { rows?: string[][]; error?: string } => {
      const rows: string[][] = [];
      try {
        const reader = new CsvRecordReader((fields) => rows.push(fields.map(String)), { file: 'doc.csv' });
        if (!chunked) reader.push(text);
        else for (let i = 0; i < text.length; ) i += pushPiece(reader, text, i, 1 + Math.floor(next() * 4));
        reader.end();
        return { rows };
      } catch (error) {
        if (!(error instanceof DataFormatError)) throw error;
        return { error: error.message };
      }
    };
    const unexplained: string[] = [];
    let exact = 0;
    for (const { text, pandas } of fixture.documents) {
      const whole = read(text, false);
      assert.deepEqual(read(text, true), whole, `chunked read of ${JSON.stringify(text)}`);
      if (whole.error !== undefined) {
        // ours refuses only a closed quote followed by text, and then pandas glued the pieces or refused too
        if (!/after a closing quote/.test(whole.error) || !/"[^",\r\n]*"[^\s,"]/.test(text)) unexplained.push(`${JSON.stringify(text)}: ours ${whole.error}`);
        continue;
      }
      if (pandas.error !== undefined) {
        // pandas refuses a row longer than the first; ours passes records on and the table reader names the row
        if (!/Expected \d+ fields/.test(pandas.error)) unexplained.push(`${JSON.stringify(text)}: pandas ${pandas.error}`);
        continue;
      }
      // pandas pads a short row with empty strings (the table reader refuses it, naming the row)
      const width = pandas.rows![0]?.length ?? 0;
      const padded = whole.rows!.map((row) => (row.length < width ? [...row, ...Array<string>(width - row.length).fill('')] : row));
      // pandas keeps spaces around quoted fields and around unquoted cells; ours drops both (README)
      const strip = (rows: string[][]): string[][] => rows.map((row) => row.map((cell) => cell.replace(/^\s*"?|"?\s*$/g, '').trim()));
      if (JSON.stringify(padded) === JSON.stringify(pandas.rows)) exact++;
      else if (JSON.stringify(strip(padded)) !== JSON.stringify(strip(pandas.rows!))) unexplained.push(`${JSON.stringify(text)}: pandas ${JSON.stringify(pandas.rows)}, ours ${JSON.stringify(whole.rows)}`);
    }
    assert.deepEqual(unexplained, []);
    assert.ok(exact > 400, `most documents read exactly as pandas reads them (${exact} of ${fixture.documents.length})`);
  });
});

/** Pushes text[at, at + length) and returns how many characters it pushed. */
function pushPiece(reader: CsvRecordReader, text: string, at: number, length: number): number {
  reader.push(text.slice(at, at + length));
  return Math.min(length, text.length - at);
}
