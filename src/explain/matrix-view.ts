/**
 * The same step in seed 000's vectorised notation, for a network of any size: per layer l,
 *   Z[l] = A[l-1]·W[l] + b[l],  A[l] = f(Z[l])                        (forward)
 *   dZ[L] = dA[L] ⊙ f'(Z[L])  (or A[L] − Y when the loss is fused)    (output error)
 *   dW[l] = A[l-1]ᵀ·dZ[l] / m,  db[l] = Σ dZ[l] / m,  dA[l-1] = dZ[l]·W[l]ᵀ,  dZ[l-1] = dA[l-1] ⊙ f'(Z[l-1])
 *   W[l] ← W[l] − η·dW[l]
 * with A[0] = X (m x n_0, here m = 1 example) and every matrix as it left the engine (engine-step.ts).
 * Shapes: Z, A, dA, dZ m x n_l; W, dW n_{l-1} x n_l; b, db 1 x n_l; dA_prev m x n_{l-1}.
 */
import type { ActivationName } from '../math/activations.js';
import type { LossName } from '../math/losses.js';
import * as rule from './chain-rule.js';
import { runEngineStep } from './engine-step.js';
import { neuronNames, weightName } from './names.js';
import { isExplainable, resolveExplainOptions, type ExplainOptions, type ExplainSetup } from './network-spec.js';

/** One matrix with its seed-000 name and shape [rows, cols]. */
export interface NamedMatrix {
  readonly name: string;
  readonly shape: readonly [number, number];
  readonly values: number[][];
}

/** Every matrix of one layer's part of the step, with the formulas that produced them. */
export interface MatrixLayer {
  /** 1-based layer number. */
  readonly layer: number;
  readonly activation: ActivationName;
  readonly W: NamedMatrix;
  readonly b: NamedMatrix | null;
  readonly Z: NamedMatrix;
  readonly A: NamedMatrix;
  readonly dZ: NamedMatrix;
  readonly dW: NamedMatrix;
  readonly db: NamedMatrix | null;
  /** dA[l-1] = dZ[l]·W[l]ᵀ, the gradient handed down (null for layer 1). */
  readonly dAPrev: NamedMatrix | null;
  readonly updatedW: NamedMatrix;
  readonly updatedB: NamedMatrix | null;
  /** Forward formulas, e.g. 'Z[1] = A[0]·W[1] + b[1]'. */
  readonly forward: readonly string[];
  /** Backward and update formulas. */
  readonly backward: readonly string[];
  /** For small networks, the walkthrough's name of each entry of W[l] (same shape), e.g. [[w5, w7], [w6, w8]]. */
  readonly weightNames: string[][] | null;
  /** For small networks, the neuron behind each column of Z[l] and A[l]. */
  readonly neuronNames: string[] | null;
}

/** The vectorised view of the step. */
export interface MatrixView {
  readonly sizes: readonly number[];
  readonly loss: LossName;
  readonly learningRate: number;
  /** m, the number of examples in the batch (1 here). */
  readonly m: number;
  readonly X: NamedMatrix;
  readonly Y: NamedMatrix;
  /** dA[L] = ∂E/∂A[L], the loss gradient at the output. */
  readonly dAOutput: NamedMatrix;
  readonly outputRule: rule.OutputRule;
  readonly totalError: number;
  readonly layers: MatrixLayer[];
}

/** The matrix view for the given network (any size; inputs and targets needed beyond the classic shape). */
export function matrixView(options: ExplainOptions = {}): MatrixView {
  return matrixViewOf(resolveExplainOptions(options, false));
}

/** The matrix view of a resolved setup. */
export function matrixViewOf(setup: ExplainSetup): MatrixView {
  const engine = runEngineStep(setup);
  const { sizes } = setup;
  const L = sizes.length - 1;
  const named = (name: string, values: number[][]): NamedMatrix => ({ name, shape: [values.length, values[0]?.length ?? 0], values });
  const small = isExplainable(sizes);
  const names = small ? neuronNames(sizes) : null;
  const outputRule = rule.deltaRule(setup.activations[L - 1]!, setup.loss);
  const layers = setup.activations.map((activation, l0): MatrixLayer => {
    const l = l0 + 1;
    const hasBias = setup.b !== null;
    const forward = [`Z[${l}] = A[${l - 1}]·W[${l}]${hasBias ? ` + b[${l}]` : ''}`, `A[${l}] = ${activation}(Z[${l}])`];
    const backward = [
      l === L ? outputErrorFormula(outputRule, L, activation) : `dZ[${l}] = dA[${l}] ⊙ ${activation}'(Z[${l}])`,
      `dW[${l}] = A[${l - 1}]ᵀ·dZ[${l}] / m`,
      ...(hasBias ? [`db[${l}] = Σ_rows dZ[${l}] / m`] : []),
      ...(l > 1 ? [`dA[${l - 1}] = dZ[${l}]·W[${l}]ᵀ`] : []),
      `W[${l}] ← W[${l}] − η·dW[${l}]`,
      ...(setup.updateBiases ? [`b[${l}] ← b[${l}] − η·db[${l}]${setup.biasMode === 'shared' ? ' (a shared bias: every entry moves by the learning rate times the sum of db)' : ''}`] : []),
    ];
    return {
      layer: l,
      activation,
      W: named(`W[${l}]`, setup.W[l0]!.map((row) => [...row])),
      b: setup.b === null ? null : named(`b[${l}]`, [[...setup.b[l0]!]]),
      Z: named(`Z[${l}]`, engine.Z[l0]!),
      A: named(`A[${l}]`, engine.A[l0]!),
      dZ: named(`dZ[${l}]`, engine.dZ[l0]!),
      dW: named(`dW[${l}]`, engine.dW[l0]!),
      db: engine.db === null ? null : named(`db[${l}]`, engine.db[l0]!),
      dAPrev: l === 1 ? null : named(`dA[${l - 1}]`, engine.dA[l0 - 1]!),
      updatedW: named(`W[${l}]`, engine.updatedW[l0]!),
      updatedB: engine.updatedB === null || !setup.updateBiases ? null : named(`b[${l}]`, [engine.updatedB[l0]!]),
      forward,
      backward,
      weightNames: small ? setup.W[l0]!.map((row, from) => row.map((_, to) => weightName(sizes, l, from, to))) : null,
      neuronNames: names === null ? null : names[l]!,
    };
  });
  return {
    sizes,
    loss: setup.loss,
    learningRate: setup.learningRate,
    m: 1,
    X: named('A[0] = X', [[...setup.inputs]]),
    Y: named('Y', [[...setup.targets]]),
    dAOutput: named(`dA[${L}]`, engine.dA[L - 1]!),
    outputRule,
    totalError: engine.loss,
    layers,
  };
}

function outputErrorFormula(how: rule.OutputRule, L: number, activation: ActivationName): string {
  if (how === 'fused') return `dZ[${L}] = A[${L}] − Y (the output activation's derivative cancels against the loss)`;
  if (how === 'softmax') return `dZ[${L}] = A[${L}] ⊙ (dA[${L}] − Σ_cols(dA[${L}] ⊙ A[${L}])) (softmax Jacobian)`;
  return `dZ[${L}] = dA[${L}] ⊙ ${activation}'(Z[${L}]), where dA[${L}] = ∂E/∂A[${L}]`;
}
