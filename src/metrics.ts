/**
 * Evaluation metrics on plain matrices: accuracy, confusion matrix, MSE, MAE, R².
 * Targets and predictions are `m x n` matrices with one sample per row. For classification,
 * a row's class is its argmax (one-hot or probability rows), or, for a single column, value >= 0.5.
 */
import { UsageError } from './errors/usage-error.js';
import { Matrix, assertSameShape, foreignMatrixMessage, isForeignMatrix } from './matrix.js';

/** Class index of every row: argmax for several columns, threshold 0.5 for one. */
export function classLabels(m: Matrix): Int32Array {
  if (m.cols > 1) return m.argmaxRows();
  const out = new Int32Array(m.rows);
  for (let r = 0; r < m.rows; r++) out[r] = m.data[r]! >= 0.5 ? 1 : 0;
  return out;
}

/** Number of rows of `yHat` whose class equals the class of the same row of `y`. */
export function countCorrect(yHat: Matrix, y: Matrix): number {
  assertSameShape(yHat, y, 'countCorrect');
  const n = yHat.cols;
  let correct = 0;
  for (let r = 0; r < yHat.rows; r++) {
    if (n === 1) {
      if (yHat.data[r]! >= 0.5 === y.data[r]! >= 0.5) correct++;
      continue;
    }
    let best = 0;
    let bestTrue = 0;
    for (let c = 1; c < n; c++) {
      if (yHat.data[r * n + c]! > yHat.data[r * n + best]!) best = c;
      if (y.data[r * n + c]! > y.data[r * n + bestTrue]!) bestTrue = c;
    }
    if (best === bestTrue) correct++;
  }
  return correct;
}

/** Fraction of rows classified correctly (0..1). `yTrue` is a target matrix or a list of class indices. */
export function accuracy(yTrue: Matrix | ArrayLike<number>, yPred: Matrix): number {
  for (const [name, value] of [['yTrue', yTrue], ['yPred', yPred]] as const) {
    if (isForeignMatrix(value)) throw new UsageError(`accuracy: ${foreignMatrixMessage(name, `this copy's new Matrix(${name}.rows, ${name}.cols, ${name}.data)`)}`);
  }
  const truth = yTrue instanceof Matrix ? classLabels(yTrue) : yTrue;
  const predicted = classLabels(yPred);
  if (truth.length !== predicted.length) throw new UsageError(`accuracy: ${truth.length} labels vs ${predicted.length} predictions`);
  if (predicted.length === 0) return 0;
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) if (truth[i] === predicted[i]) correct++;
  return correct / predicted.length;
}

/**
 * Confusion matrix: counts[t][p] is the number of samples of true class t predicted as p.
 * `classes` defaults to 1 + the largest label seen.
 */
export function confusionMatrix(trueLabels: ArrayLike<number>, predictedLabels: ArrayLike<number>, classes?: number): number[][] {
  if (trueLabels.length !== predictedLabels.length) {
    throw new UsageError(`confusionMatrix: ${trueLabels.length} labels vs ${predictedLabels.length} predictions`);
  }
  let k = classes ?? 0;
  if (classes === undefined) for (let i = 0; i < trueLabels.length; i++) k = Math.max(k, trueLabels[i]! + 1, predictedLabels[i]! + 1);
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < trueLabels.length; i++) counts[trueLabels[i]!]![predictedLabels[i]!]!++;
  return counts;
}

/** Per-class precision and recall from a confusion matrix (NaN-free: 0 when a class is never predicted/present). */
export function precisionRecall(counts: readonly (readonly number[])[]): { precision: number[]; recall: number[] } {
  const k = counts.length;
  const precision: number[] = [];
  const recall: number[] = [];
  for (let c = 0; c < k; c++) {
    const tp = counts[c]![c]!;
    let predicted = 0;
    let actual = 0;
    for (let o = 0; o < k; o++) {
      predicted += counts[o]![c]!;
      actual += counts[c]![o]!;
    }
    precision.push(predicted === 0 ? 0 : tp / predicted);
    recall.push(actual === 0 ? 0 : tp / actual);
  }
  return { precision, recall };
}

/** Mean squared error over all elements. */
export function meanSquaredError(yTrue: Matrix, yPred: Matrix): number {
  assertSameShape(yTrue, yPred, 'meanSquaredError');
  let sum = 0;
  for (let i = 0; i < yTrue.data.length; i++) sum += (yPred.data[i]! - yTrue.data[i]!) ** 2;
  return yTrue.size === 0 ? 0 : sum / yTrue.size;
}

/** Mean absolute error over all elements. */
export function meanAbsoluteError(yTrue: Matrix, yPred: Matrix): number {
  assertSameShape(yTrue, yPred, 'meanAbsoluteError');
  let sum = 0;
  for (let i = 0; i < yTrue.data.length; i++) sum += Math.abs(yPred.data[i]! - yTrue.data[i]!);
  return yTrue.size === 0 ? 0 : sum / yTrue.size;
}

/** Coefficient of determination R² = 1 − SS_res/SS_tot, averaged over output columns; NaN for fewer than 2 rows (undefined, as in scikit-learn). */
export function rSquared(yTrue: Matrix, yPred: Matrix): number {
  assertSameShape(yTrue, yPred, 'rSquared');
  const { rows, cols } = yTrue;
  if (rows < 2) return NaN;
  let total = 0;
  for (let c = 0; c < cols; c++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += yTrue.data[r * cols + c]!;
    mean /= rows;
    let ssRes = 0;
    let ssTot = 0;
    for (let r = 0; r < rows; r++) {
      const t = yTrue.data[r * cols + c]!;
      ssRes += (t - yPred.data[r * cols + c]!) ** 2;
      ssTot += (t - mean) ** 2;
    }
    total += ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
  }
  return total / cols;
}
