/**
 * Explain options from a trained or imported model: its sizes, activations, weights (in the
 * naming convention's order, see names.ts), biases and loss, so `explain --model` walks through
 * the chain rule with the model's own numbers. Raw inputs go through the model's stored
 * preprocessing first, as `predict` and `inspect --input` do.
 */
import { prepareInputs, preprocessingFromJSON } from '../data/preprocessing.js';
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

/** A raw input row through the model's stored preprocessing (unchanged when it has none). */
export function preparedInput(model: Mlp, raw: readonly number[]): number[] {
  const stored = model.metadata['preprocessing'];
  if (stored === undefined) return [...raw];
  if (raw.length !== model.inputSize && typeof stored === 'object') throw new ExplainInputError(`--inputs needs ${model.inputSize} raw values for this model, got ${raw.length}`);
  return Array.from(prepareInputs(preprocessingFromJSON(stored, 'metadata.preprocessing'), Matrix.from([raw], 'float64')).data);
}
