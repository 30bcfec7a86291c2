/**
 * The shapes of a derivation (explain()'s plain data): neurons, output errors, deltas,
 * gradients, updates and the whole Derivation. Apart from derivation.ts so that the
 * chain-rule steps (chain-steps.ts) and the builder share them without importing each other.
 */
import type { ActivationName } from '../math/activations.js';
import type { LossName } from '../math/losses.js';
import type * as rule from './chain-rule.js';
import type { Factor } from './chain-rule.js';
import type { BiasMode } from './names.js';

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
