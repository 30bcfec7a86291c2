/**
 * CSV → Dataset. Numeric feature columns, one target column (by name or index, default
 * the last), header row detected or declared, categorical target labels mapped to classes.
 * `createCsvParser` is incremental (feed chunks, then `end`), so memory stays close to the
 * parsed numbers (8 bytes each) rather than the text; `parseCsv` is the one-string form.
 */
import { Matrix } from '../matrix.js';
import type { DType } from '../matrix.js';
import { CsvRecordReader, parseNumber } from './csv-records.js';
import type { Dataset, Task } from './dataset.js';
import { DataFormatError } from './errors.js';
import { GrowableFloat64 } from './growable.js';
import { cutList } from '../errors/limits.js';

/** Options for reading a CSV file as a data set. */
export interface CsvOptions {
  /** Name used in error messages and as the data set name (default '<string>'). */
  readonly file?: string;
  /** Field separator (default ','). */
  readonly delimiter?: string;
  /** Comment marker at the start of a line (default '#'). */
  readonly comment?: string;
  /** Whether the first record names the columns; 'auto' (default): yes if any of its cells is not a number. */
  readonly header?: boolean | 'auto';
  /** Target column: a header name, or an index (negative counts from the end); null for none. Default: the last. */
  readonly target?: string | number | null;
  /** 'auto' (default): classification if any target cell is not a number, else regression. */
  readonly task?: Task | 'auto';
  /** Fixes the class order (label i = classNames[i]); default: sorted (numerically if all are numbers). */
  readonly classNames?: readonly string[];
  /** Precision of the input and target matrices (default 'float32'). */
  readonly dtype?: DType;
}

/** An incremental CSV parser: push text chunks, then `end()` returns the data set. */
export interface CsvParser {
  push(chunk: string): void;
  end(): Dataset;
}

/** Parses a whole CSV text. */
export function parseCsv(text: string, options: CsvOptions = {}): Dataset {
  const parser = createCsvParser(options);
  parser.push(text);
  return parser.end();
}

/** Distinct target values are tracked up to this many when the task is still undecided. */
const MAX_AUTO_CLASSES = 1000;

/** Creates an incremental CSV parser with the given options. */
export function createCsvParser(options: CsvOptions = {}): CsvParser {
  const { file = '<string>', header = 'auto', target = -1, task = 'auto', classNames, dtype = 'float32' } = options;
  const features = new GrowableFloat64();
  const numericTargets = new GrowableFloat64();
  const targetIds: number[] = [];
  const distinct = new Map<string, number>();
  let names: string[] | undefined;
  let width = 0;
  let targetIndex = -1;
  let rows = 0;
  let textTarget: { line: number; value: string } | undefined;
  let numericTarget: { line: number; value: string } | undefined;
  let trackingLabels = task !== 'regression';

  const onRecord = (fields: string[], line: number): void => {
    if (names === undefined) {
      width = fields.length;
      const isHeader = header === 'auto' ? fields.some((f) => parseNumber(f) === undefined) : header;
      names = isHeader ? fields : fields.map((_, i) => `column${i + 1}`);
      targetIndex = resolveTarget(target, names, file, line);
      if (isHeader) return;
    }
    if (fields.length !== width) {
      const column = Math.min(fields.length, width) + 1;
      throw new DataFormatError({ file, line, column }, `expected ${width} fields as in the first row, found ${fields.length}`);
    }
    for (let c = 0; c < width; c++) {
      const text = fields[c]!;
      const value = parseNumber(text);
      if (c === targetIndex) {
        addTarget(text, value, line, c);
        continue;
      }
      if (value === undefined) {
        throw new DataFormatError({ file, line, column: c + 1 }, `${describe(text)} in column "${names[c]}" is not a number`);
      }
      features.push(value);
    }
    rows++;
  };

  const addTarget = (text: string, value: number | undefined, line: number, c: number): void => {
    if (text === '') throw new DataFormatError({ file, line, column: c + 1 }, 'the target cell is empty');
    if (value === undefined) {
      if (task === 'regression') throw new DataFormatError({ file, line, column: c + 1 }, `target ${describe(text)} is not a number`);
      if (!trackingLabels) {
        throw new DataFormatError({ file, line, column: c + 1 }, `target ${describe(text)} is not a number, but earlier targets were numeric with many distinct values`);
      }
      textTarget ??= { line, value: text };
    } else {
      numericTarget ??= { line, value: text };
      numericTargets.push(value);
    }
    if (!trackingLabels) return;
    let id = distinct.get(text);
    if (id === undefined) {
      id = distinct.size;
      distinct.set(text, id);
      if (task === 'auto' && textTarget === undefined && distinct.size > MAX_AUTO_CLASSES) trackingLabels = false;
    }
    targetIds.push(id);
  };

  const reader = new CsvRecordReader(onRecord, { file, delimiter: options.delimiter ?? ',', comment: options.comment ?? '#' });

  return {
    push: (chunk) => reader.push(chunk),
    end(): Dataset {
      reader.end();
      if (names === undefined || rows === 0) throw new DataFormatError({ file }, 'no data rows');
      const featureNames = names.filter((_, c) => c !== targetIndex);
      const x = new Matrix(rows, featureNames.length, features.toArray(dtype));
      const base = { name: file, inputs: x, featureNames };
      if (targetIndex < 0) {
        return { ...base, task: 'regression', targets: undefined, labels: undefined, classNames: [], targetNames: [] };
      }
      const targetName = names[targetIndex]!;
      const classification = task === 'classification' || (task === 'auto' && textTarget !== undefined);
      if (!classification) {
        const y = new Matrix(rows, 1, numericTargets.toArray(dtype));
        return { ...base, task: 'regression', targets: y, labels: undefined, classNames: [], targetNames: [targetName] };
      }
      if (textTarget !== undefined && numericTarget !== undefined && task === 'auto') {
        // Mixed cells: most likely a typo in a label or a stray number; name the odd one out.
        const odd = numericTarget.line > textTarget.line ? numericTarget : textTarget;
        throw new DataFormatError({ file, line: odd.line, column: targetIndex + 1 }, `target column "${targetName}" mixes numbers and labels (${describe(odd.value)})`);
      }
      const { labels, classes } = toClasses(distinct, targetIds, classNames, file, targetName);
      return { ...base, task: 'classification', targets: undefined, labels, classNames: classes, targetNames: [targetName] };
    },
  };
}

function resolveTarget(target: string | number | null, names: readonly string[], file: string, line: number): number {
  if (target === null) return -1;
  if (typeof target === 'string') {
    const index = names.indexOf(target);
    if (index < 0) throw new DataFormatError({ file, line }, `no column named "${target}" (columns: ${cutList(names)})`);
    return index;
  }
  const index = target < 0 ? names.length + target : target;
  if (!Number.isInteger(index) || index < 0 || index >= names.length) {
    throw new DataFormatError({ file, line }, `target column index ${target} is outside a row of ${names.length} fields`);
  }
  return index;
}

function toClasses(
  distinct: Map<string, number>,
  ids: readonly number[],
  given: readonly string[] | undefined,
  file: string,
  targetName: string,
): { labels: Int32Array; classes: string[] } {
  const seen = [...distinct.keys()];
  const allNumeric = seen.every((s) => parseNumber(s) !== undefined);
  const classes = given === undefined ? [...seen].sort(allNumeric ? (a, b) => Number(a) - Number(b) : undefined) : [...given];
  const classOf = new Map(classes.map((name, i) => [name, i]));
  const byId = seen.map((name) => {
    const label = classOf.get(name);
    if (label === undefined) throw new DataFormatError({ file }, `target column "${targetName}" has label ${describe(name)}, which is not one of the given classes ${classes.join(', ')}`);
    return label;
  });
  return { labels: Int32Array.from(ids, (id) => byId[id]!), classes };
}

function describe(text: string): string {
  return text === '' ? 'an empty cell' : JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
