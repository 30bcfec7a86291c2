/**
 * `explain(options)`: the whole chain-rule derivation of one gradient-descent step, with real
 * numbers, as plain data (what the text, Markdown, HTML and JSON outputs and the playground draw).
 *
 * The numbers come from the training engine itself (engine-step.ts: Mlp, reference backend,
 * float64, trainStep) and every chain-rule factor is evaluated from the math tables; each
 * product is checked against the engine's own dZ, dW and db, so the derivation cannot disagree
 * with what training does. Names follow names.ts (i1.., h1.., o1.., w1..wN, b1.. or b_x).
 */
import type { ActivationName } from '../math/activations.js';
import type { LossName } from '../math/losses.js';
import * as rule from './chain-rule.js';
import type { Factor } from './chain-rule.js';
import { agree, backwardDeltas, forEachBias, parameterGradients, updatedBiasValue } from './chain-steps.js';
import { runEngineStep, errorAfterUpdates, type EngineStep } from './engine-step.js';
import { biasName, neuronNames, weightName, type BiasMode } from './names.js';
import { isClassicExample, resolveExplainOptions, type ExplainOptions, type ExplainSetup } from './network-spec.js';

/**
 * The classic walkthrough's published values agree with this engine to 9 decimals, except its
 * "after 10,000 iterations the error is 0.0000351085": the engine reaches exactly that after
 * 9,999 updates (and 0.0000351019 after 10,000), so the published figure is one update short.
 */
const CLASSIC_NOTES = [
  'This is the classic walkthrough (seed 001); every value above matches its published numbers to 9 decimals.',
  'Its "after 10,000 iterations the error is 0.0000351085" is what this engine gives after 9,999 updates; after 10,000 it gives 0.0000351019 (the published figure is one update short).',
];

export type { Factor } from './chain-rule.js';

/** One neuron's forward pass: net = Σ w·input + b, out = f(net). */
export interface NeuronStep {
  readonly name: string;
  /** 1-based layer of neurons (1 = first hidden layer, L = outputs). */
  readonly layer: number;
  readonly net: number;
  readonly out: number;
  /** net as a formula, e.g. 'w1·i1 + w2·i2 + b1'. */
  readonly netFormula: string;
  /** out as a formula, e.g. '1 / (1 + e^(-net_h1))'. */
  readonly outFormula: string;
}

/** One output's share of the error, E_o = (per-output loss term). E_total is their sum. */
export interface OutputError {
  readonly name: string;
  readonly value: number;
  readonly formula: string;
}

/** δ_x = ∂E_total/∂net_x of one neuron, and how the chain rule forms it. */
export interface Delta {
  readonly neuron: string;
  readonly value: number;
  /** 'chain': δ = ∂E/∂out · ∂out/∂net; 'fused': δ = out − target (softmax + cross-entropy, sigmoid + BCE); 'softmax': the Jacobian product. */
  readonly rule: rule.OutputRule;
  /** ∂E_total/∂out_x: from the loss table for outputs, a sum over the next layer for hidden neurons. */
  readonly dOut: Factor;
  /** For hidden neurons, the terms of that sum: [∂E_total/∂net_k, ∂net_k/∂out_x] for each neuron k above. */
  readonly dOutTerms: Factor[][] | null;
  /** ∂out_x/∂net_x for element-wise activations (null when fused with the loss or softmax). */
  readonly dOutDNet: Factor | null;
  /** δ as a formula: the product of the two factors, 'out_o1 - target_o1' when fused, or softmax's Jacobian product. */
  readonly formula: string;
}

/** ∂E_total/∂p of one weight or bias: a sum of chain-rule products (one product for weights and per-neuron biases). */
export interface Gradient {
  readonly parameter: string;
  /** Layer of neurons the parameter feeds (1..L). */
  readonly layer: number;
  readonly products: Factor[][];
  readonly value: number;
}

/** One update p+ = p − η·∂E_total/∂p. */
export interface Update {
  readonly parameter: string;
  readonly layer: number;
  readonly before: number;
  readonly gradient: number;
  readonly after: number;
}

/** The whole derivation. Records keyed by name keep the naming-convention order. */
export interface Derivation {
  readonly sizes: readonly number[];
  /** One activation per layer of neurons. */
  readonly activations: readonly ActivationName[];
  readonly loss: LossName;
  /** E_total = ... in words of the loss table. */
  readonly lossFormula: string;
  readonly learningRate: number;
  readonly biasMode: BiasMode;
  readonly updateBiases: boolean;
  /** Seed the weights were drawn with (absent when they were given). */
  readonly seed?: number;
  readonly inputs: Record<string, number>;
  readonly targets: Record<string, number>;
  /** Starting weights by name (w1..wN). */
  readonly weights: Record<string, number>;
  /** Which neurons each weight connects, [from, to]. */
  readonly connections: Record<string, readonly [string, string]>;
  /** Starting biases by name (empty without biases). */
  readonly biases: Record<string, number>;
  /** Forward pass, layer by layer (index l−1 for layer l). */
  readonly neurons: NeuronStep[][];
  readonly outputErrors: OutputError[];
  /** E_total before the update. */
  readonly totalError: number;
  /** Deltas layer by layer (index l−1); the last entry holds the output deltas, the others the hidden ones. */
  readonly deltas: Delta[][];
  /** ∂E_total/∂p for every weight (in name order), then every bias when biases are updated. */
  readonly gradients: Gradient[];
  /** Every update, output layer first as the walkthrough does. */
  readonly updates: Update[];
  /** Weights after one update, by name. */
  readonly updatedWeights: Record<string, number>;
  /** Biases after one update (only when bias updates are on). */
  readonly updatedBiases?: Record<string, number>;
  /** Number of updates asked for with `iterations`. */
  readonly iterations?: number;
  /** E_total after `iterations` updates. */
  readonly errorAfter?: number;
  /** Remarks on the numbers (for the classic example: how they relate to the published walkthrough). */
  readonly notes: string[];
}

/** Builds the derivation of one step for the given network (no options: seed 001's classic example). */
export function explain(options: ExplainOptions = {}): Derivation {
  return derive(resolveExplainOptions(options));
}

/** Builds the derivation from a resolved setup. */
export function derive(setup: ExplainSetup): Derivation {
  const engine = runEngineStep(setup);
  const { sizes, loss, learningRate } = setup;
  const names = neuronNames(sizes);
  const L = sizes.length - 1;
  const weights: Record<string, number> = {};
  const connections: Record<string, readonly [string, string]> = {};
  const updatedWeights: Record<string, number> = {};
  for (let l = 1; l <= L; l++) {
    for (let to = 0; to < sizes[l]!; to++) {
      for (let from = 0; from < sizes[l - 1]!; from++) {
        const w = weightName(sizes, l, from, to);
        weights[w] = setup.W[l - 1]![from]![to]!;
        connections[w] = [names[l - 1]![from]!, names[l]![to]!];
        updatedWeights[w] = engine.updatedW[l - 1]![from]![to]!;
      }
    }
  }
  const biases: Record<string, number> = {};
  forEachBias(setup, (name, l, j) => (biases[name] = setup.b![l - 1]![j]!));
  const neurons = forwardSteps(setup, engine, names);
  const outs = neurons[L - 1]!.map((n) => n.out);
  const outputErrors = names[L]!.map((o, j) => ({
    name: `E_${o}`,
    value: rule.outputErrorValue(loss, outs[j]!, setup.targets[j]!, sizes[L]!),
    formula: rule.outputErrorFormula(loss, o, sizes[L]!),
  }));
  const totalError = outputErrors.reduce((s, e) => s + e.value, 0);
  agree(totalError, engine.loss, 'E_total');
  const deltas = backwardDeltas(setup, engine, names, neurons);
  const gradients = parameterGradients(setup, engine, names, neurons, deltas);
  const updates = gradients.map((g) => {
    const before = weights[g.parameter] ?? biases[g.parameter]!;
    const after = updatedWeights[g.parameter] ?? updatedBiasValue(setup, engine, g.parameter);
    agree(before - learningRate * g.value, after, `${g.parameter}+`);
    return { parameter: g.parameter, layer: g.layer, before, gradient: g.value, after };
  });
  updates.sort((a, b) => b.layer - a.layer || Number(a.parameter.startsWith('b')) - Number(b.parameter.startsWith('b')));
  const updatedBiases = setup.updateBiases ? Object.fromEntries(Object.keys(biases).map((b) => [b, updatedBiasValue(setup, engine, b)])) : undefined;
  return {
    sizes,
    activations: setup.activations,
    loss,
    lossFormula: rule.lossDescription(loss),
    learningRate,
    biasMode: setup.biasMode,
    updateBiases: setup.updateBiases,
    ...(setup.seed === undefined ? {} : { seed: setup.seed }),
    inputs: Object.fromEntries(names[0]!.map((i, k) => [i, setup.inputs[k]!])),
    targets: Object.fromEntries(names[L]!.map((o, k) => [`target_${o}`, setup.targets[k]!])),
    weights,
    connections,
    biases,
    neurons,
    outputErrors,
    totalError,
    deltas,
    gradients,
    updates,
    updatedWeights,
    ...(updatedBiases === undefined ? {} : { updatedBiases }),
    ...(setup.iterations === undefined ? {} : { iterations: setup.iterations, errorAfter: errorAfterUpdates(setup, setup.iterations) }),
    notes: isClassicExample(setup) ? CLASSIC_NOTES : [],
  };
}

/** Every named value of the derivation (inputs, targets, weights, biases, net_x, out_x, delta_x, E_x), for substitution into formulas. */
export function namedValues(d: Derivation): Map<string, number> {
  const values = new Map<string, number>([
    ...Object.entries(d.inputs),
    ...Object.entries(d.targets),
    ...Object.entries(d.weights),
    ...Object.entries(d.biases),
  ]);
  for (const layer of d.neurons) {
    for (const n of layer) values.set(`net_${n.name}`, n.net).set(`out_${n.name}`, n.out);
  }
  for (const layer of d.deltas) for (const delta of layer) values.set(`delta_${delta.neuron}`, delta.value);
  for (const e of d.outputErrors) values.set(e.name, e.value);
  values.set('E_total', d.totalError);
  return values;
}

function forwardSteps(setup: ExplainSetup, engine: EngineStep, names: string[][]): NeuronStep[][] {
  const { sizes } = setup;
  return sizes.slice(1).map((units, l0) =>
    Array.from({ length: units }, (_, j) => {
      const layer = l0 + 1;
      const terms = names[l0]!.map((input, from) => `${weightName(sizes, layer, from, j)}·${l0 === 0 ? input : `out_${input}`}`);
      const bias = biasName(sizes, setup.biasMode, layer, j);
      return {
        name: names[layer]![j]!,
        layer,
        net: engine.Z[l0]![0]![j]!,
        out: engine.A[l0]![0]![j]!,
        netFormula: [...terms, ...(bias === null ? [] : [bias])].join(' + '),
        outFormula: rule.activationFormula(setup.activations[l0]!, names[layer]![j]!, setup.leakyAlpha),
      };
    }),
  );
}

