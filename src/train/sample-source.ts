/**
 * Where training rows come from. A SampleSource fills a batch's input and target matrices
 * for any list of row indices, so the training loop never needs the whole data set as
 * floats (images can stay uint8 and be converted per batch).
 */
import { shown } from '../errors/shown.js';
import { UsageError } from '../errors/usage-error.js';
import type { Backend } from '../backend/backend.js';
import { foreignMatrixMessage, isForeignMatrix, Matrix } from '../matrix.js';

export interface SampleSource {
  /** Number of samples. */
  readonly count: number;
  /** Values per input row. */
  readonly inputSize: number;
  /** Values per target row. */
  readonly targetSize: number;
  /**
   * Writes samples indices[start], indices[start + 1], ... into the rows of `x` (x.rows x inputSize)
   * and `y` (y.rows x targetSize), using `backend` for the copy.
   */
  fill(backend: Backend, indices: ArrayLike<number>, start: number, x: Matrix, y: Matrix): void;
}

/** Inputs x (count x inputSize) and targets y (count x targetSize) as matrices. */
export interface LabelledMatrices {
  readonly x: Matrix;
  readonly y: Matrix;
}

/** A SampleSource over in-memory matrices. */
export function matrixSource(data: LabelledMatrices): SampleSource {
  if (data instanceof Matrix) throw new UsageError('matrixSource takes one object { x, y } of two matrices: write matrixSource({ x, y }), not matrixSource(x, y)');
  const x = matrixPart(data, 'x');
  const y = matrixPart(data, 'y');
  if (x.rows !== y.rows) {
    throw new UsageError(`inputs have ${x.rows} rows but targets have ${y.rows}`);
  }
  return {
    count: x.rows,
    inputSize: x.cols,
    targetSize: y.cols,
    fill(backend, indices, start, xOut, yOut) {
      backend.gatherRows(x.data, indices, start, xOut);
      backend.gatherRows(y.data, indices, start, yOut);
    },
  };
}

/** `data[name]` when it is a Matrix of this copy of the library, else a UsageError saying what it is. */
function matrixPart(data: unknown, name: 'x' | 'y'): Matrix {
  const m = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[name] : undefined;
  if (m instanceof Matrix) return m;
  if (isForeignMatrix(m)) throw new UsageError(`matrixSource: ${foreignMatrixMessage(name, `this copy's new Matrix(${name}.rows, ${name}.cols, ${name}.data)`)}`);
  throw new UsageError(`matrixSource: ${name} must be a Matrix${Array.isArray(m) ? ' (for plain arrays: Matrix.from(rows))' : ''}, got ${shown(m)}`);
}

/** True if `value` is a SampleSource rather than a pair of matrices. */
export function isSampleSource(value: SampleSource | LabelledMatrices): value is SampleSource {
  return !Array.isArray(value) && typeof (value as SampleSource).fill === 'function';
}

/** Accepts either form and returns a SampleSource. */
export function toSampleSource(data: SampleSource | LabelledMatrices): SampleSource {
  return isSampleSource(data) ? data : matrixSource(data);
}
