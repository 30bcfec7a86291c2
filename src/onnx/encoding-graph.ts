/**
 * The encoding stage of a model's preprocessing (imputation and one-hot of categorical columns,
 * src/data/encoding.ts) as ONNX nodes. The graph then takes two inputs:
 *
 *   "input"      [batch, numeric columns] float32: the numeric columns in training order, NaN = missing
 *   "categories" [batch, categorical columns] string: the categorical columns in training order
 *
 * A numeric NaN becomes the fitted fill (Where(IsNaN(x), fill, x)). Category cells are compared
 * after trimming surrounding whitespace, as backprop's CSV reader trims a cell (JavaScript's
 * trim(): " red " is "red"; case matters): ONNX has no trim operator, so each comparison is a
 * RegexFullMatch of `<whitespace>*<the category, escaped><whitespace>*`, one [batch, 1] bool per
 * category. A cell that is a missing marker (`markers`: the ones `backprop predict` uses,
 * missingMarkersOf; one RegexFullMatch over all of them) becomes the fitted most frequent
 * category; the matches of a column, concatenated and Cast, are its one-hot block, so an unseen
 * category is an all-zero block (the graph cannot warn or refuse it). The blocks are
 * concatenated in the training column order. RegexFullMatch needs opset 20 (onnxruntime 1.17 and
 * later, onnxruntime-web included); graphs without categories stay at 13.
 */
import type { Encoding } from '../data/encoding.js';
import { intAttribute, stringAttribute, type GraphBuilder } from './graph-builder.js';
import { DATA_TYPE } from './onnx-schema.js';

/** The opset of graphs with categorical columns (RegexFullMatch arrived in opset 20). */
export const ONNX_STRING_OPSET = 20;

/** Any run of the whitespace JavaScript's trim() removes (ECMAScript WhiteSpace and LineTerminator), as an RE2 class. */
const SPACES = '[\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]*';

/** `text` as an RE2 literal, much as RE2::QuoteMeta writes one: ASCII other than letters, digits and _ escaped, control characters as \x{hex}. */
export function regexLiteral(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (/[A-Za-z0-9_]/.test(c) || code >= 0x80) out += c;
    else if (code < 0x20 || code === 0x7f) out += `\\x{${code.toString(16)}}`;
    else out += `\\${c}`;
  }
  return out;
}

/** The RE2 pattern whose full match means: the cell, trimmed as trim() does, is one of `values`. */
export function trimmedPattern(values: readonly string[]): string {
  return `${SPACES}(?:${values.map(regexLiteral).join('|')})${SPACES}`;
}

/** True when the encoding has a categorical column (the graph then needs the "categories" input). */
export function hasCategories(encoding: Encoding | undefined): boolean {
  return encoding?.columns.some((c) => c.kind === 'categorical') ?? false;
}

/** Writes the encoding, with `markers` the category cells that are missing; returns the name of its output (`batch x encoding.width` float32). */
export function encodingGraph(b: GraphBuilder, encoding: Encoding, numericInput: string, categoryInput: string, markers: readonly string[]): string {
  const parts: string[] = [];
  let numeric = 0;
  let categorical = 0;
  encoding.columns.forEach((column, c) => {
    const prefix = `preprocess/encoding/${c}`;
    if (column.kind === 'numeric') {
      const x = b.node(`${prefix}/Gather`, 'Gather', [numericInput, b.ints(`${prefix}/index`, [numeric++])], [intAttribute('axis', 1)]);
      parts.push(column.fill === null ? x : b.node(`${prefix}/Where`, 'Where', [b.node(`${prefix}/IsNaN`, 'IsNaN', [x]), b.constant(`${prefix}/fill`, [column.fill], []), x]));
      return;
    }
    // A column whose training part had no category has a block of width 0: nothing to write.
    const index = categorical++;
    if (column.categories.length === 0) return;
    let text = b.node(`${prefix}/Gather`, 'Gather', [categoryInput, b.ints(`${prefix}/index`, [index])], [intAttribute('axis', 1)]);
    if (column.fill !== null && markers.length > 0) {
      // Any missing marker (after trimming) → the fill; text stays [batch, 1].
      const mask = b.node(`${prefix}/missing/RegexFullMatch`, 'RegexFullMatch', [text], [stringAttribute('pattern', trimmedPattern(markers))]);
      text = b.node(`${prefix}/Where`, 'Where', [mask, b.strings(`${prefix}/fill`, [column.fill]), text]);
    }
    const matches = column.categories.map((category, k) => b.node(`${prefix}/match/${k}`, 'RegexFullMatch', [text], [stringAttribute('pattern', trimmedPattern([category]))]));
    const block = matches.length === 1 ? matches[0]! : b.node(`${prefix}/Concat`, 'Concat', matches, [intAttribute('axis', 1)]);
    parts.push(b.node(`${prefix}/Cast`, 'Cast', [block], [intAttribute('to', DATA_TYPE.float)]));
  });
  return parts.length === 1 ? parts[0]! : b.node('preprocess/encoding/Concat', 'Concat', parts, [intAttribute('axis', 1)]);
}
