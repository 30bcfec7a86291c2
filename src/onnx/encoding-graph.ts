/**
 * The encoding stage of a model's preprocessing (imputation and one-hot of categorical columns,
 * src/data/encoding.ts) as ONNX nodes. The graph then takes two inputs:
 *
 *   "input"      [batch, numeric columns] float32: the numeric columns in training order, NaN = missing
 *   "categories" [batch, categorical columns] string: the categorical columns in training order
 *
 * A numeric NaN becomes the fitted fill (Where(IsNaN(x), fill, x)). A category cell that is a
 * missing marker (`markers`: the ones `backprop predict` uses, missingMarkersOf; compared exactly,
 * no trimming) becomes the fitted most frequent category; then Equal against the constant category strings →
 * Cast gives its one-hot block, so an unseen category is an all-zero block (the graph cannot
 * warn or refuse it). The blocks are concatenated in the training column order. String Equal
 * needs opset 19 (onnxruntime and onnxruntime-web run it); graphs without categories stay at 13.
 */
import type { Encoding } from '../data/encoding.js';
import { intAttribute, type GraphBuilder } from './graph-builder.js';
import { DATA_TYPE } from './onnx-schema.js';

/** The opset of graphs with categorical columns (string Equal arrived in opset 19). */
export const ONNX_STRING_OPSET = 19;

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
    let text = b.node(`${prefix}/Gather`, 'Gather', [categoryInput, b.ints(`${prefix}/index`, [categorical++])], [intAttribute('axis', 1)]);
    if (column.fill !== null) {
      // Any missing marker → the fill: Equal with every token ([batch, tokens] bool), then the row maximum.
      const hits = b.node(`${prefix}/missing/Equal`, 'Equal', [text, b.strings(`${prefix}/missing/tokens`, markers)]);
      const asFloat = b.node(`${prefix}/missing/Cast`, 'Cast', [hits], [intAttribute('to', DATA_TYPE.float)]);
      const any = b.node(`${prefix}/missing/ReduceMax`, 'ReduceMax', [asFloat, b.ints(`${prefix}/missing/axes`, [1])], [intAttribute('keepdims', 1)]);
      const mask = b.node(`${prefix}/missing/Mask`, 'Cast', [any], [intAttribute('to', DATA_TYPE.bool)]);
      text = b.node(`${prefix}/Where`, 'Where', [mask, b.strings(`${prefix}/fill`, [column.fill]), text]);
    }
    const block = b.node(`${prefix}/Equal`, 'Equal', [text, b.strings(`${prefix}/categories`, column.categories)]);
    parts.push(b.node(`${prefix}/Cast`, 'Cast', [block], [intAttribute('to', DATA_TYPE.float)]));
  });
  return parts.length === 1 ? parts[0]! : b.node('preprocess/encoding/Concat', 'Concat', parts, [intAttribute('axis', 1)]);
}
