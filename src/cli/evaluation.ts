/**
 * Metrics of a trained model on one data part, as the CLI reports them: loss (in the model's
 * units) plus accuracy, confusion matrix and per-class precision/recall for classification, or
 * MSE, MAE and R² in the targets' original units for regression.
 */
import { cutList } from '../errors/limits.js';
import { inputSize, sampleCount } from '../data/dataset.js';
import type { Dataset } from '../data/dataset.js';
import { preparedInputSize, preparedSource, preparedTargets, restoreTargets } from '../data/preprocessing.js';
import type { Preprocessing } from '../data/preprocessing.js';
import type { LossName } from '../math/losses.js';
import { Matrix } from '../matrix.js';
import { classLabels, confusionMatrix, meanAbsoluteError, meanSquaredError, precisionRecall, rSquared } from '../metrics.js';
import type { Mlp } from '../nn/mlp.js';
import { evaluateSamples } from '../train/evaluate.js';
import type { SampleSource } from '../train/sample-source.js';
import { UsageError } from './errors.js';

/** Classification metrics of one part. */
export interface ClassificationMetrics {
  readonly samples: number;
  readonly loss: number;
  readonly accuracy: number;
  /** counts[true][predicted]. */
  readonly confusionMatrix: number[][];
  readonly precision: number[];
  readonly recall: number[];
}

/** Regression metrics of one part, in original target units (loss in the model's units). */
export interface RegressionMetrics {
  readonly samples: number;
  readonly loss: number;
  readonly mse: number;
  readonly mae: number;
  readonly r2: number;
}

export type PartMetrics = ClassificationMetrics | RegressionMetrics;

/** Metrics plus what the model predicted, for plots. */
export interface Evaluated {
  readonly metrics: PartMetrics;
  /** Classification: true and predicted labels. */
  readonly labels?: { readonly truth: Int32Array; readonly predicted: Int32Array };
  /** Regression: targets and predictions in original units (rows x outputs). */
  readonly values?: { readonly truth: Matrix; readonly predicted: Matrix };
}

/** Fails with one line when the data's rows do not fit the model. */
export function checkFits(model: Mlp, dataset: Dataset, where: string, prep?: Preprocessing): void {
  const width = prep === undefined || dataset.columns === undefined ? inputSize(dataset) : preparedInputSize(prep, inputSize(dataset));
  if (width !== model.inputSize) {
    const columns = prep?.encoding?.columns.map((c) => c.name);
    // A table model's inputs are its columns after one-hot encoding: name the columns, not only the encoded width.
    const trained = columns === undefined ? `it was trained on ${model.sizes.join('-')} data` : `it was trained on a table with the columns ${cutList(columns)}; give a CSV with those columns`;
    throw new UsageError(`${where} has ${width} input values per row but the model expects ${model.inputSize} (${trained})`);
  }
}

/**
 * Evaluates `model` on `dataset`, preprocessed with `prep`. The inputs stream through the same
 * source as training (preparedSource: image bytes converted per batch, float rows read in
 * place), and loss and outputs come from one forward pass in batches of 1024, so no whole-set
 * float copy of the inputs is made; only the targets and outputs (samples x outputs) are.
 */
export function evaluatePart(model: Mlp, dataset: Dataset, prep: Preprocessing, loss: LossName): Evaluated {
  checkFits(model, dataset, dataset.name, prep);
  const prepared = preparedTargets(dataset, prep);
  const binary = prep.task === 'classification' && model.outputSize === 1 && prepared.cols === 2;
  const y = binary ? binaryTargetsFor(prepared) : prepared;
  if (y.cols !== model.outputSize) {
    throw new UsageError(`${dataset.name} has ${y.cols} target values per row but the model outputs ${model.outputSize}`);
  }
  const task = prep.task === 'classification' ? 'classification' : 'regression';
  const source = preparedSource(dataset, prep);
  const output = Matrix.zeros(y.rows, model.outputSize, model.dtype);
  const lossValue = evaluateSamples(model, binary ? secondTargetColumn(source) : source, { loss, task, outputs: output, metric: false }).loss; // the metrics below come from the outputs
  const samples = sampleCount(dataset);
  if (task === 'classification') {
    const truth = dataset.labels ?? classLabels(y);
    const predicted = classLabels(output);
    const classes = Math.max(prep.classNames.length, 2);
    const counts = confusionMatrix(truth, predicted, classes);
    let correct = 0;
    for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) correct++;
    const { precision, recall } = precisionRecall(counts);
    return {
      metrics: { samples, loss: lossValue, accuracy: correct / Math.max(truth.length, 1), confusionMatrix: counts, precision, recall },
      labels: { truth, predicted },
    };
  }
  const truth = restoreTargets(prep, y);
  const predicted = restoreTargets(prep, output);
  return {
    metrics: { samples, loss: lossValue, mse: meanSquaredError(truth, predicted), mae: meanAbsoluteError(truth, predicted), r2: rSquared(truth, predicted) },
    values: { truth, predicted },
  };
}

/**
 * A two-class classifier with one sigmoid output (the playground's, or one trained on 0/1 targets)
 * predicts P(class 1): its targets are the one-hot rows' second column.
 */
function binaryTargetsFor(y: Matrix): Matrix {
  const column = Matrix.zeros(y.rows, 1, y.dtype);
  for (let r = 0; r < y.rows; r++) column.data[r] = y.data[r * 2 + 1]!;
  return column;
}

/** The same source with one target per row: the second column of its two one-hot targets (see binaryTargetsFor). */
function secondTargetColumn(source: SampleSource): SampleSource {
  let pairs: Matrix | undefined;
  return {
    count: source.count,
    inputSize: source.inputSize,
    targetSize: 1,
    fill(backend, indices, start, x, y) {
      if (pairs === undefined || pairs.rows < y.rows || pairs.dtype !== y.dtype) pairs = Matrix.zeros(y.rows, 2, y.dtype);
      const batch = new Matrix(y.rows, 2, pairs.data.subarray(0, y.rows * 2));
      source.fill(backend, indices, start, x, batch);
      for (let r = 0; r < y.rows; r++) y.data[r] = batch.data[r * 2 + 1]!;
    },
  };
}

/** True if the metrics are a classification's. */
export function isClassification(metrics: PartMetrics): metrics is ClassificationMetrics {
  return (metrics as ClassificationMetrics).accuracy !== undefined;
}

/** The headline numbers only (what --json and the summary table show per part). */
export function headline(metrics: PartMetrics): Record<string, number> {
  if (isClassification(metrics)) return { loss: metrics.loss, accuracy: metrics.accuracy };
  return { loss: metrics.loss, mse: metrics.mse, mae: metrics.mae, r2: metrics.r2 };
}
