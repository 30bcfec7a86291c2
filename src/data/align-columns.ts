/** A table's input columns put in a given order (a model's training order), by name. */
import { Matrix } from '../matrix.js';
import type { Dataset } from './dataset.js';
import { isImageSet } from './dataset.js';
import { DataFormatError } from './errors.js';

/** The data set with its input columns (matrix and `columns`) in the order of `names`; every name must be present. */
export function alignColumns(dataset: Dataset, names: readonly string[]): Dataset {
  const x = dataset.inputs;
  if (isImageSet(x)) return dataset;
  const from = names.map((name) => {
    const index = dataset.featureNames.indexOf(name);
    if (index < 0) throw new DataFormatError({ file: dataset.name }, `has no column "${name}" (alignColumns)`);
    return index;
  });
  if (from.every((f, i) => f === i) && from.length === x.cols) return dataset;
  const out = Matrix.zeros(x.rows, from.length, x.dtype);
  for (let r = 0; r < x.rows; r++) for (let c = 0; c < from.length; c++) out.data[r * from.length + c] = x.data[r * x.cols + from[c]!]!;
  const columns = dataset.columns === undefined ? undefined : from.map((f) => dataset.columns![f]!);
  return { ...dataset, inputs: out, featureNames: [...names], ...(columns === undefined ? {} : { columns }) };
}
