/**
 * The backward half of a derivation: every delta and every parameter gradient as ordered
 * chain-rule factors evaluated from the math tables, each checked against the training
 * engine's own dZ, dW and db (engine-step.ts).
 */
import { ELEMENTWISE_ACTIVATIONS, type ActivationName } from '../math/activations.js';
import { LOSSES } from '../math/losses.js';
import * as rule from './chain-rule.js';
import type { Factor } from './chain-rule.js';
import type { Delta, Gradient, NeuronStep } from './derivation-types.js';
import type { EngineStep } from './engine-step.js';
import { biasName, weightName } from './names.js';
import type { ExplainSetup } from './network-spec.js';

/** Deltas layer by layer, from the output layer down (index l−1 for layer l). */
export function backwardDeltas(setup: ExplainSetup, engine: EngineStep, names: string[][], neurons: NeuronStep[][]): Delta[][] {
  const { sizes, loss } = setup;
  const L = sizes.length - 1;
  const deltas: Delta[][] = new Array<Delta[]>(L);
  for (let l = L; l >= 1; l--) {
    const activation = setup.activations[l - 1]!;
    const how = rule.deltaRule(activation, l === L ? loss : null);
    const layerNeurons = neurons[l - 1]!;
    const dOuts = layerNeurons.map((n, j) => (l === L ? outputDOut(setup, n, j) : hiddenDOut(setup, names, deltas[l]!, l, j)));
    const dOutDotOut = dOuts.reduce((s, f, k) => s + f.value * layerNeurons[k]!.out, 0);
    deltas[l - 1] = layerNeurons.map((n, j) => {
      const x = n.name;
      const dOut = dOuts[j]!.factor;
      let dOutDNet: Factor | null = null;
      let value: number;
      let formula: string;
      if (how === 'fused') {
        value = n.out - setup.targets[j]!;
        formula = `out_${x} - target_${x}`;
      } else if (how === 'softmax') {
        value = n.out * (dOut.value - dOutDotOut);
        formula = `out_${x}·(${rule.partialText('E_total', `out_${x}`)} - Σ_k ${rule.partialText('E_total', 'out_k')}·out_k)`;
      } else {
        const table = ELEMENTWISE_ACTIVATIONS[activation as Exclude<ActivationName, 'softmax'>];
        const derivative = table.derivative(n.net, n.out, setup.leakyAlpha);
        dOutDNet = { of: `out_${x}`, wrt: `net_${x}`, value: derivative, formula: rule.derivativeFormula(activation as Exclude<ActivationName, 'softmax'>, x, setup.leakyAlpha) };
        value = dOut.value * derivative;
        formula = `${rule.partialText('E_total', `out_${x}`)} · ${rule.partialText(`out_${x}`, `net_${x}`)}`;
      }
      agree(value, engine.dZ[l - 1]![0]![j]!, `delta_${x}`);
      return { neuron: x, value, rule: how, dOut, dOutTerms: dOuts[j]!.terms, dOutDNet, formula };
    });
  }
  return deltas;
}

function outputDOut(setup: ExplainSetup, n: NeuronStep, j: number) {
  const count = setup.sizes.at(-1)!;
  const value = LOSSES[setup.loss].gradient(n.out, setup.targets[j]!, count);
  const factor = { of: 'E_total', wrt: `out_${n.name}`, value, formula: rule.lossGradientFormula(setup.loss, n.name, count) };
  return { factor, value, terms: null };
}

function hiddenDOut(setup: ExplainSetup, names: string[][], above: Delta[], l: number, j: number) {
  const x = names[l]![j]!;
  const terms = above.map((delta, k) => {
    const w = weightName(setup.sizes, l + 1, j, k);
    const deltaFactor = { of: 'E_total', wrt: `net_${delta.neuron}`, value: delta.value, formula: `delta_${delta.neuron}` };
    return [deltaFactor, { of: `net_${delta.neuron}`, wrt: `out_${x}`, value: setup.W[l]![j]![k]!, formula: w }];
  });
  const value = terms.reduce((s, [d, w]) => s + d!.value * w!.value, 0);
  const formula = terms.map(([d, w]) => `${d!.formula}·${w!.formula}`).join(' + ');
  return { factor: { of: 'E_total', wrt: `out_${x}`, value, formula }, value, terms };
}

/** ∂E_total/∂p for every weight, then every bias when biases are updated. */
export function parameterGradients(setup: ExplainSetup, engine: EngineStep, names: string[][], neurons: NeuronStep[][], deltas: Delta[][]): Gradient[] {
  const { sizes } = setup;
  const upstream = (l: number, j: number): Factor[] => {
    const d = deltas[l - 1]![j]!;
    if (d.dOutDNet !== null) return [d.dOut, d.dOutDNet];
    return [{ of: 'E_total', wrt: `net_${d.neuron}`, value: d.value, formula: d.formula }];
  };
  const gradients: Gradient[] = [];
  for (let l = 1; l < sizes.length; l++) {
    for (let to = 0; to < sizes[l]!; to++) {
      for (let from = 0; from < sizes[l - 1]!; from++) {
        const w = weightName(sizes, l, from, to);
        const source = l === 1 ? names[0]![from]! : `out_${names[l - 1]![from]!}`;
        const input = l === 1 ? setup.inputs[from]! : neurons[l - 2]![from]!.out;
        const products = [[...upstream(l, to), { of: `net_${names[l]![to]!}`, wrt: w, value: input, formula: source }]];
        gradients.push(checked(w, l, products, engine.dW[l - 1]![from]![to]!));
      }
    }
  }
  if (!setup.updateBiases) return gradients;
  const shared = new Map<string, { layer: number; products: Factor[][] }>();
  forEachBias(setup, (b, l, j) => {
    const product = [...upstream(l, j), { of: `net_${names[l]![j]!}`, wrt: b, value: 1, formula: '1' }];
    shared.set(b, { layer: l, products: [...(shared.get(b)?.products ?? []), product] });
  });
  for (const [b, { layer, products }] of shared) gradients.push(checked(b, layer, products, biasGradient(setup, engine, b)));
  return gradients;
}

function checked(parameter: string, layer: number, products: Factor[][], engineValue: number): Gradient {
  const value = products.reduce((s, p) => s + p.reduce((prod, f) => prod * f.value, 1), 0);
  agree(value, engineValue, `∂E_total/∂${parameter}`);
  return { parameter, layer, products, value };
}

/** Calls `visit(name, layer, neuronIndex)` for every neuron's bias (a shared bias is visited once per neuron). */
export function forEachBias(setup: ExplainSetup, visit: (name: string, layer: number, j: number) => void): void {
  if (setup.b === null) return;
  setup.b.forEach((row, l0) => row.forEach((_, j) => visit(biasName(setup.sizes, setup.biasMode, l0 + 1, j)!, l0 + 1, j)));
}

function biasGradient(setup: ExplainSetup, engine: EngineStep, name: string): number {
  let sum = 0;
  forEachBias(setup, (b, l, j) => (sum += b === name ? engine.db![l - 1]![0]![j]! : 0));
  return sum;
}

/** A bias after the engine's update. */
export function updatedBiasValue(setup: ExplainSetup, engine: EngineStep, name: string): number {
  let value = Number.NaN;
  forEachBias(setup, (b, l, j) => (value = b === name ? engine.updatedB![l - 1]![j]! : value));
  return value;
}

/** Self-check: the chain-rule value must equal the engine's (they differ only by float64 rounding). */
export function agree(chainRule: number, engine: number, what: string): void {
  const tolerance = 1e-12 + 1e-9 * Math.max(Math.abs(chainRule), Math.abs(engine));
  if (!(Math.abs(chainRule - engine) <= tolerance)) {
    throw new Error(`explain: ${what} by the chain rule (${chainRule}) disagrees with the training engine (${engine})`);
  }
}
