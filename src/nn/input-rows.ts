/**
 * The inputs of `Mlp.predict` and `Mlp.activations` as a matrix (rows x inputSize): a Matrix as
 * it is, or nested arrays of numbers checked row by row, so a 1-D array, ragged rows or a cell
 * that is not a number get one line naming the row (1-based) rather than a Matrix.zeros message
 * or a string silently read as its number.
 */
import { UsageError } from '../errors/usage-error.js';
import { foreignMatrixMessage, isForeignMatrix, Matrix, type DType } from '../matrix.js';

/** `x` as a rows x `inputSize` matrix of `dtype`, or a UsageError naming what is wrong. */
export function inputMatrix(x: unknown, inputSize: number, dtype: DType, what: string): Matrix {
  const width = (cols: number) => `the model expects ${inputSize} input value${inputSize === 1 ? '' : 's'} per row, got ${cols}`;
  if (x instanceof Matrix) {
    if (x.cols !== inputSize) throw new UsageError(`${what}: ${width(x.cols)}`);
    return x;
  }
  if (isForeignMatrix(x)) throw new UsageError(`${what}: ${foreignMatrixMessage('x', "this copy's new Matrix(x.rows, x.cols, x.data)")}`);
  if (!Array.isArray(x)) throw new UsageError(`${what} takes a Matrix or rows of numbers (number[][]), got ${x === null ? 'null' : ArrayBuffer.isView(x) ? `a flat ${x.constructor.name} (wrap it: new Matrix(rows, ${inputSize}, data))` : typeof x}`);
  if (x.length === 0) throw new UsageError(`${what}: x has no rows`);
  const out = Matrix.zeros(x.length, inputSize, dtype);
  for (let r = 0; r < x.length; r++) {
    const row: unknown = x[r];
    if (!Array.isArray(row) && !(ArrayBuffer.isView(row) && !(row instanceof DataView))) {
      if (r === 0) throw new UsageError(`${what}: x is a 1-D array (${JSON.stringify(x.slice(0, 3)).slice(0, 40)}${x.length > 3 ? ', ...' : ''}): pass rows, e.g. [x] for one row`);
      throw new UsageError(`${what}: row ${r + 1} of x is not an array of numbers like row 1`);
    }
    const cells = row as ArrayLike<unknown>;
    if (cells.length !== inputSize) throw new UsageError(`${what}: ${width(cells.length)} in row ${r + 1}`);
    for (let c = 0; c < inputSize; c++) {
      const value = cells[c];
      if (typeof value !== 'number') throw new UsageError(`${what}: row ${r + 1}, column ${c + 1} is ${typeof value === 'string' ? `the string ${JSON.stringify(value)}` : String(value)}, not a number (Mlp takes prepared numbers; Classifier and Regressor read raw cells)`);
      out.data[r * inputSize + c] = value;
    }
  }
  return out;
}
