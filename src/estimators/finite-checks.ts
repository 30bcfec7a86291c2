/**
 * Predictions are numbers or an error, never NaN or null: a raw value too large for the
 * model's float32 inputs (1e50) is named by row and column before the network runs, and an
 * output that is not finite (the row far outside the training data, or broken weights) is
 * refused by row, as `backprop predict` refuses it.
 */
import type { Preprocessing } from '../data/preprocessing.js';
import { BackpropError } from '../errors/backprop-error.js';
import { EncodingError } from '../data/encoding.js';
import type { Matrix } from '../matrix.js';

/** The model-ready inputs, if every value is finite; else an EncodingError naming the first row and column that is not. */
export function checkFiniteInputs(inputs: Matrix, prep: Preprocessing): Matrix {
  const at = firstNonFinite(inputs);
  if (at === undefined) return inputs;
  const row = Math.floor(at / inputs.cols);
  const column = columnOfInput(prep, at % inputs.cols);
  throw new EncodingError(`row ${row + 1}: the value in column "${column}" is too large for the model, whose inputs are float32 (up to ±3.4e38 after the stored preprocessing): scale the column before fit and predict`);
}

/** The network's outputs, if every value is finite; else a BackpropError naming the first row that is not. */
export function checkFiniteOutputs(outputs: Matrix): Matrix {
  const at = firstNonFinite(outputs);
  if (at === undefined) return outputs;
  const row = Math.floor(at / outputs.cols);
  throw new BackpropError(`the model's output for row ${row + 1} is ${outputs.data[at]} (not a finite number): the row is far outside what the model was trained on, or the model's weights overflow (a model saved after divergence?)`);
}

function firstNonFinite(m: Matrix): number | undefined {
  const data = m.data;
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) return i;
  return undefined;
}

/** The raw column behind model input `index`: a categorical column gives one input per category. */
function columnOfInput(prep: Preprocessing, index: number): string {
  const columns = prep.encoding?.columns;
  if (columns === undefined) return prep.featureNames[index] ?? `input ${index + 1}`;
  let start = 0;
  for (const column of columns) {
    const width = column.kind === 'categorical' ? column.categories.length : 1;
    if (index < start + width) return column.name;
    start += width;
  }
  return `input ${index + 1}`;
}
