/**
 * `explain(options)`: the whole chain-rule derivation of one gradient-descent step, with real
 * numbers, as plain data (what the text, Markdown, HTML and JSON outputs and the playground draw).
 *
 * The numbers come from the training engine itself (engine-step.ts: Mlp, reference backend,
 * float64, trainStep) and every chain-rule factor is evaluated from the math tables; each
 * product is checked against the engine's own dZ, dW and db, so the derivation cannot disagree
 * with what training does. Names follow names.ts (i1.., h1.., o1.., w1..wN, b1.. or b_x).
 */
import * as rule from './chain-rule.js';
import { agree, backwardDeltas, forEachBias, parameterGradients, updatedBiasValue } from './chain-steps.js';
import { runEngineStep, errorAfterUpdates, type EngineStep } from './engine-step.js';
import { biasName, neuronNames, weightName } from './names.js';
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

import type { Derivation, NeuronStep } from './derivation-types.js';

export type { Delta, Derivation, Gradient, NeuronStep, OutputError, Update } from './derivation-types.js';

/** What a caller may watch while a derivation is built. */
export interface DeriveOptions {
  /** Called as the `iterations` updates run: (updates done, iterations), the last call (iterations, iterations). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Builds the derivation of one step for the given network (no options: seed 001's classic example). */
export function explain(options: ExplainOptions = {}, watch: DeriveOptions = {}): Derivation {
  return derive(resolveExplainOptions(options), watch);
}

/** Builds the derivation from a resolved setup. */
export function derive(setup: ExplainSetup, { onProgress }: DeriveOptions = {}): Derivation {
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
    ...(setup.iterations === undefined ? {} : { iterations: setup.iterations, errorAfter: errorAfterUpdates(setup, setup.iterations, onProgress) }),
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

