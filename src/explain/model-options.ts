/**
 * Explain options from a trained or imported model: its sizes, activations, weights (in the
 * naming convention's order, see names.ts), biases and loss, so `explain --model` walks through
 * the chain rule with the model's own numbers. Raw inputs go through the model's stored
 * preprocessing first, as `predict` and `inspect --input` do.
 */
import { EncodingError, type WarningSink } from '../data/encoding.js';
import { prepareInputs, preprocessingFromJSON } from '../data/preprocessing.js';
import { prepareRawRows, type RawCell } from '../data/raw-rows.js';
import { applyPipeline } from '../data/transforms.js';
import { cutList } from '../errors/limits.js';
import { isLossName, type LossName } from '../math/losses.js';
import { Matrix } from '../matrix.js';
import type { Mlp } from '../nn/mlp.js';
import { defaultLossFor } from '../train/evaluate.js';
import { ExplainInputError } from './explain-input-error.js';
import type { ExplainOptions } from './network-spec.js';

/** The parts of ExplainOptions a model fixes: sizes, activations, weights, biases, loss, leaky slope. */
export function explainOptionsFromModel(model: Mlp): ExplainOptions {
  const layers = model.layers;
  const hidden = layers.slice(0, -1).map((l) => l.activation);
  if (hidden.some((a) => a !== hidden[0])) {
    throw new ExplainInputError(`the model's hidden layers use different activations (${hidden.join(', ')}); explain walks through networks with one hidden activation`);
  }
  if (layers.some((l) => l.useBias !== layers[0]!.useBias)) throw new ExplainInputError('some of the model’s layers have biases and some do not; explain needs all or none');
  const weights: number[] = [];
  for (const layer of layers) for (let to = 0; to < layer.units; to++) for (let from = 0; from < layer.inputSize; from++) weights.push(layer.W.get(from, to));
  const biases = layers[0]!.useBias ? layers.flatMap((l) => Array.from(l.b!.data)) : 'none';
  const stored = model.metadata['loss'];
  const loss: LossName = typeof stored === 'string' && isLossName(stored) ? stored : defaultLossFor(model);
  const leaky = layers.find((l) => l.activation === 'leakyRelu');
  return {
    sizes: model.sizes,
    activation: hidden[0] ?? model.outputLayer.activation,
    outputActivation: model.outputLayer.activation,
    weights,
    biases,
    loss,
    ...(leaky === undefined ? {} : { leakyAlpha: leaky.alpha }),
  };
}

/** The raw columns a table model reads (its stored encoding's, in order); undefined for a model without one. */
export function rawColumnsOf(model: Mlp): string[] | undefined {
  const stored = model.metadata['preprocessing'];
  return stored === undefined ? undefined : preprocessingFromJSON(stored, 'metadata.preprocessing').encoding?.columns.map((c) => c.name);
}

/**
 * A raw input row (cells in the training columns' order: numbers, category text, '' for a
 * missing cell) through the model's stored preprocessing, as `predict` and `inspect --input`
 * read one: imputation, one-hot, transforms. A model without preprocessing takes its network
 * inputs as they are. Unseen categories follow the model's rule (`warn` hears the warning);
 * a row of the wrong width, a text cell in a numeric column or a gap the model cannot fill is an
 * ExplainInputError naming --inputs and the column.
 */
export function preparedInput(model: Mlp, raw: readonly RawCell[], warn?: WarningSink): number[] {
  const stored = model.metadata['preprocessing'];
  const prep = stored === undefined ? undefined : preprocessingFromJSON(stored, 'metadata.preprocessing');
  if (prep?.encoding === undefined) {
    const names = prep === undefined ? [] : prep.featureNames;
    const columns = names.length === model.inputSize ? ` (${cutList(names)})` : '';
    if (raw.length !== model.inputSize) throw new ExplainInputError(`--inputs has ${raw.length} value${raw.length === 1 ? '' : 's'} but the model takes ${model.inputSize} inputs${columns}`);
    const bad = raw.findIndex((cell) => typeof cell !== 'number');
    if (bad >= 0) throw new ExplainInputError(`--inputs value ${bad + 1}${columns === '' ? '' : ` (column "${names[bad]!}")`}: ${JSON.stringify(raw[bad])} is not a number, and this model has no category columns`);
    const numbers = raw as readonly number[];
    return prep === undefined ? [...numbers] : Array.from(prepareInputs(prep, Matrix.from([numbers], 'float64')).data);
  }
  const names = prep.encoding.columns.map((c) => c.name);
  if (raw.length !== names.length) throw new ExplainInputError(`--inputs has ${raw.length} value${raw.length === 1 ? '' : 's'} but the model expects ${names.length} raw columns (${cutList(names)})`);
  try {
    return Array.from(prepareRawRows(prep, [raw], { dtype: 'float64', rowName: () => '--inputs', ...(warn === undefined ? {} : { warn }) }).data);
  } catch (error) {
    if (error instanceof EncodingError) throw new ExplainInputError(error.message);
    throw error;
  }
}

/**
 * The example's targets for a model, from `--targets` as typed: a class name of a
 * classification model (one-hot with the model's on/off values; a numeric class name
 * counts as a class unless the model has one output), or numbers. A regression
 * model's numbers are raw target values (house prices, not standardised ones) and go through
 * its stored target transforms; other numbers are the network's outputs as they are.
 */
export function preparedTarget(model: Mlp, text: string): number[] {
  const stored = model.metadata['preprocessing'];
  const prep = stored === undefined ? undefined : preprocessingFromJSON(stored, 'metadata.preprocessing');
  const classes = prep?.classNames ?? [];
  const named = classes.indexOf(text.trim());
  // A numeric class name ("0", "1") is a class when one number could not be the targets anyway.
  if (named >= 0 && (model.outputSize !== 1 || !Number.isFinite(Number(text)))) {
    if (model.outputSize !== classes.length) throw new ExplainInputError(`--targets: the model has ${model.outputSize} output${model.outputSize === 1 ? '' : 's'} for ${classes.length} classes; give the ${model.outputSize} target value${model.outputSize === 1 ? '' : 's'} as numbers`);
    const { on, off } = prep!.oneHot;
    return classes.map((_, i) => (i === named ? on : off));
  }
  const parts = text.split(',').map((s) => s.trim());
  const bad = parts.findIndex((s) => s === '' || !Number.isFinite(Number(s)));
  if (bad >= 0) {
    const hint = classes.length > 0 ? `a class name (${cutList(classes)}) or ` : '';
    throw new ExplainInputError(`--targets: "${parts[bad]}" is not a number; give ${hint}${model.outputSize} comma-separated number${model.outputSize === 1 ? '' : 's'}`);
  }
  const values = parts.map(Number);
  if (prep === undefined || prep.task !== 'regression' || prep.targets.length === 0 || values.length !== model.outputSize) return values;
  return Array.from(applyPipeline(prep.targets, Matrix.from([values], 'float64')).data);
}
