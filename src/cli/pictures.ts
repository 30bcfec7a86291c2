/**
 * Pictures of a run, each as SVG and PNG, drawn with src/plot: the training curves (loss and
 * accuracy or MAE, train and validation), the confusion matrix, the misclassified test images,
 * predicted vs actual for regression, and the decision boundary for 2-D inputs.
 */
import { join } from 'node:path';
import { isImageSet, sampleCount } from '../data/dataset.js';
import type { Dataset } from '../data/dataset.js';
import { prepareInputs } from '../data/preprocessing.js';
import type { Preprocessing } from '../data/preprocessing.js';
import { Matrix } from '../matrix.js';
import type { Mlp } from '../nn/mlp.js';
import { confusionMatrixSvg, decisionBoundarySvg, decisionGridInputs, imageGridSvg, lossCurveSvg, paddedRange, scatterSvg } from '../plot/index.js';
import type { LabelledImage } from '../plot/index.js';
import { writeSvgAndPng } from '../plot/png.js';
import type { TrainEvent } from '../train/train.js';
import type { LoadedParts } from './data.js';
import type { StepCurve } from './step-curve.js';
import type { Evaluated } from './evaluation.js';

/** PNG pixels per SVG unit (2: sharp on high-DPI screens). */
export const PNG_SCALE = 2;

type EpochEvent = Extract<TrainEvent, { type: 'epoch' }>;

/** What the pictures are drawn from. */
export interface PictureInput {
  readonly history: readonly EpochEvent[];
  /** Mean loss of every few steps for short runs: drawn instead of the per-epoch loss. */
  readonly steps?: StepCurve | undefined;
  readonly parts: LoadedParts;
  readonly prep: Preprocessing;
  readonly model: Mlp;
  readonly evaluations: { readonly train: Evaluated; readonly test: Evaluated | undefined };
}

/** Writes the pictures that apply to this run into `folder`; returns the file names written. */
export async function writePictures(folder: string, input: PictureInput): Promise<string[]> {
  const pictures = new Map<string, string>();
  pictures.set('training-curves', curves(input));
  const { parts, prep, evaluations } = input;
  const part = evaluations.test === undefined ? 'train' : 'test';
  const evaluated = evaluations.test ?? evaluations.train;
  const rows = parts.test ?? parts.train;
  if (evaluated.labels !== undefined && 'confusionMatrix' in evaluated.metrics) {
    pictures.set('confusion-matrix', confusionMatrixSvg({ counts: evaluated.metrics.confusionMatrix, classNames: prep.classNames, title: `Confusion matrix (${part}): ${parts.name}` }));
    if (isImageSet(rows.inputs)) pictures.set('misclassified', misclassified(rows, evaluated.labels, prep.classNames, part));
    if (prep.featureNames.length === 2 && !isImageSet(rows.inputs)) pictures.set('decision-boundary', boundary(input));
  }
  if (evaluated.values !== undefined) {
    const { truth, predicted } = evaluated.values;
    const name = prep.targetNames[0] ?? 'value';
    pictures.set('predicted-vs-actual', scatterSvg({ actual: column(truth, 0), predicted: column(predicted, 0), valueLabel: name, title: `Predicted vs actual (${part}): ${parts.name}` }));
  }
  const files: string[] = [];
  for (const [name, svg] of pictures) {
    await writeSvgAndPng(join(folder, name), svg, { scale: PNG_SCALE });
    files.push(`${name}.svg`, `${name}.png`);
  }
  return files;
}

function curves({ history, steps, parts, model, prep }: PictureInput): string {
  const series = (pick: (e: EpochEvent) => number | undefined) => history.map(pick).filter((v): v is number => v !== undefined);
  const withValidation = (train: number[], validation: number[]) => (validation.length === 0 ? { train } : { train, validation });
  const classification = prep.task === 'classification';
  const metricTrain = series((e) => (classification ? e.accuracy : e.mae));
  const metricValidation = series((e) => (classification ? e.validationAccuracy : e.validationMae));
  const lossName = typeof model.metadata['loss'] === 'string' ? model.metadata['loss'] : 'loss';
  return lossCurveSvg({
    ...(steps === undefined
      ? { loss: withValidation(series((e) => e.loss), series((e) => e.validationLoss)) }
      : { loss: { train: [...steps.points] }, lossAxis: { label: `step (mean of every ${steps.stepsPerPoint})`, step: steps.stepsPerPoint } }),
    lossName,
    ...(metricTrain.length === 0 ? {} : { metric: { name: classification ? 'accuracy' : 'MAE (model units)', ...withValidation(metricTrain, metricValidation) } }),
    title: `Training history: ${parts.name}`,
    subtitle: `network ${model.sizes.join('-')} (${model.layers.map((l) => l.activation).join(', ')}), ${history.length} epochs`,
  });
}

function misclassified(rows: Dataset, labels: { truth: Int32Array; predicted: Int32Array }, classNames: readonly string[], part: string): string {
  const images = rows.inputs;
  if (!isImageSet(images)) return '';
  const size = images.width * images.height;
  const wrong: LabelledImage[] = [];
  let total = 0;
  for (let i = 0; i < labels.truth.length; i++) {
    if (labels.truth[i] === labels.predicted[i]) continue;
    total++;
    if (wrong.length < 50) wrong.push({ pixels: images.pixels.subarray(i * size, (i + 1) * size), actual: labels.truth[i]!, predicted: labels.predicted[i]! });
  }
  return imageGridSvg({ images: wrong, width: images.width, height: images.height, classNames, total, title: `Misclassified ${part} images: ${rows.name}`, maxValue: 255 });
}

function boundary({ parts, prep, model }: PictureInput): string {
  const all = [parts.train, ...(parts.test === undefined ? [] : [parts.test])];
  const xs: number[] = [];
  const ys: number[] = [];
  const pointLabels: number[] = [];
  for (const part of all) {
    const m = part.inputs as Matrix;
    for (let r = 0; r < sampleCount(part); r++) {
      xs.push(m.get(r, 0));
      ys.push(m.get(r, 1));
      pointLabels.push(part.labels?.[r] ?? (part.targets !== undefined && part.targets.get(r, 0) >= 0.5 ? 1 : 0));
    }
  }
  const grid = { xRange: paddedRange(xs, 0.25), yRange: paddedRange(ys, 0.25), columns: 120, rows: 120 };
  const raw = decisionGridInputs(grid);
  const inputs = prepareInputs(prep, new Matrix(raw.length / 2, 2, Float64Array.from(raw)));
  const outputs = model.predict(inputs.clone(model.dtype));
  return decisionBoundarySvg({
    grid,
    outputs: outputs.data,
    outputSize: outputs.cols,
    points: { x: xs, y: ys, labels: pointLabels },
    classNames: prep.classNames,
    xLabel: prep.featureNames[0] ?? 'x₁',
    yLabel: prep.featureNames[1] ?? 'x₂',
    title: `Decision boundary: ${parts.name}`,
  });
}

function column(m: Matrix, c: number): Float64Array {
  return Float64Array.from({ length: m.rows }, (_, r) => m.get(r, c));
}
