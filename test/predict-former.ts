/**
 * The former `predict`, the reference of predict-stream.test.ts: every cell a string record
 * (CsvRecordReader without numbers), matched by header name, through prepareRawRows, one
 * Prediction object per row and the CSV joined from them. Run as a script (as the CLI runs, with
 * relaxed SIMD, so the kernels are the CLI's): `predict-former.ts model input.csv options-json`
 * prints `{ csv, warnings }` as JSON.
 */
import { readFileSync } from 'node:fs';
import { readModelFile } from '../src/cli/model-file.js';
import { CsvRecordReader } from '../src/data/csv-records.js';
import { prepareRawRows } from '../src/data/raw-rows.js';
import type { DecimalMark } from '../src/data/cells.js';
import { restoreTargets } from '../src/data/preprocessing.js';
import { classLabels } from '../src/metrics.js';

/** How the former reading was told to read the input. */
export interface FormerOptions {
  readonly delimiter?: string;
  readonly decimal?: DecimalMark;
  readonly keep?: readonly string[];
}

/** The former predict: string records, prepareRawRows, Prediction objects, the joined CSV; and its warnings. */
export async function formerPredict(modelPath: string, text: string, options: FormerOptions = {}): Promise<{ csv: string; warnings: string[] }> {
  const { model, preprocessing: prep } = await readModelFile(modelPath);
  const records: string[][] = [];
  const lines: number[] = [];
  const reader = new CsvRecordReader((fields, line) => {
    records.push(fields as string[]);
    lines.push(line);
  }, { file: '<stdin>', delimiter: options.delimiter ?? ',' });
  reader.push(text);
  reader.end();
  const header = records[0]!;
  const positions = prep.featureNames.map((name) => header.indexOf(name));
  const rows = records.slice(1).map((record) => positions.map((p) => record[p]));
  const keep = options.keep ?? [];
  const kept = records.slice(1).map((record) => keep.map((name) => record[header.indexOf(name)] ?? ''));
  const warnings: string[] = [];
  const x = prepareRawRows(prep, rows, { warn: (m) => warnings.push(`<stdin>: ${m}`), decimal: options.decimal ?? '.', rowName: (r) => `<stdin>:${lines[r + 1]}`, dtype: model.dtype });
  const output = model.predict(x);
  const keptOf = (r: number) => (keep.length === 0 ? {} : { kept: Object.fromEntries(keep.map((name, k) => [name, kept[r]![k]!])) });
  type Former = ({ class: string; probabilities: Record<string, number> } | { values: Record<string, number> }) & { kept?: Record<string, string> };
  let predictions: Former[];
  if (prep.task === 'classification') {
    const names = prep.classNames;
    predictions = Array.from(classLabels(output), (label, r) => {
      const probabilities: Record<string, number> = {};
      names.forEach((name, c) => (probabilities[name] = output.get(r, c)));
      return { ...keptOf(r), class: names[label] ?? String(label), probabilities };
    });
  } else {
    const values = restoreTargets(prep, output);
    predictions = Array.from({ length: values.rows }, (_, r) => ({ ...keptOf(r), values: Object.fromEntries(prep.targetNames.map((name, c) => [name, values.get(r, c)])) }));
  }
  const first = predictions[0]!;
  const probability = (v: number) => String(Number(v.toPrecision(6)));
  const csvCell = (t: string) => (/[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const classes = 'class' in first ? Object.keys(first.probabilities) : [];
  const targets = 'values' in first ? Object.keys(first.values) : [];
  const outputNames = 'class' in first ? ['class', ...classes.map((n) => `p_${n}`)] : targets;
  const keptNames = Object.keys(first.kept ?? {});
  const head = [...keptNames.map((n) => (outputNames.includes(n) ? `${n}_input` : n)), ...outputNames].map(csvCell);
  const body = predictions.map((p) => {
    const cells = keptNames.map((n) => csvCell(p.kept?.[n] ?? ''));
    const out = 'class' in p ? [csvCell(p.class), ...classes.map((n) => probability(p.probabilities[n]!))] : targets.map((n) => String(p.values[n]!));
    return [...cells, ...out].join(',');
  });
  return { csv: [head.join(','), ...body].join('\n') + '\n', warnings };
}


const [model, input, options] = process.argv.slice(2);
if (model !== undefined && input !== undefined) process.stdout.write(JSON.stringify(await formerPredict(model, readFileSync(input, 'utf8'), JSON.parse(options ?? '{}') as FormerOptions)));
