/**
 * One training step on one batch, the standard way: forward → loss → back-propagation (dW, db in
 * every layer) → optimiser update. The training loops run their steps through a StepPlan
 * (step-plan.ts), which may fuse plain SGD into back-propagation instead; these functions are the
 * library's building blocks for a step of one's own (gradient checks, the playground's statistics,
 * the explain command's engine step). Shapes: buffers.X m x n_0 and buffers.Y m x n_L are filled
 * by the caller.
 */
import { isFusedPair, type LossName } from '../math/losses.js';
import type { Matrix } from '../matrix.js';
import type { Mlp } from '../nn/mlp.js';
import type { Optimizer, Parameter } from '../nn/optimizers.js';
import type { StepBuffers } from '../nn/workspace.js';

/**
 * How the output layer's error is formed.
 * - 'exact': dZ = ∂loss/∂ŷ ⊙ f'(Z) (or the fused ŷ − y for softmax+cross-entropy and sigmoid+BCE).
 * - 'rawErrorBackward': seed 003's code. The output layer's own update uses dZ = E ⊙ f'(Z) with
 *   E = ∂loss/∂ŷ, but the error handed back to the hidden layer is E·Wᵀ instead of dZ·Wᵀ: the output
 *   activation's derivative is left out of what is back-propagated. Not the gradient of any loss.
 */
export type OutputGradient = 'exact' | 'rawErrorBackward';

/** Options of `computeGradients` (and of every step). */
export interface GradientOptions {
  readonly loss: LossName;
  /** Default 'exact'. */
  readonly outputGradient?: OutputGradient | undefined;
  /**
   * When given (1 x 3), the batch's loss and metric sums are added into it on the backend
   * (Backend.accumulateBatchTotals, read back later: asynchronous backends) and the step returns NaN.
   */
  readonly totals?: Matrix | undefined;
}

/** Options of `trainStep`: the gradients' options, the optimiser and what it updates. */
export interface TrainStepOptions extends GradientOptions {
  readonly optimizer: Optimizer;
  /** What the optimiser updates (default modelParameters(model): every W and b). */
  readonly parameters?: readonly Parameter[];
}

/**
 * Forward pass from layer `fromLayer` (1: the first layer's Z and A are already in the buffers),
 * the loss, and the output layer's dZ (in buffers.dZ[L−1]; with 'rawErrorBackward' also E in
 * buffers.dA[L−1]). Returns the batch's mean loss, or NaN with `options.totals`.
 */
export function forwardToOutputError(model: Mlp, buffers: StepBuffers, options: GradientOptions, fromLayer: 0 | 1 = 0): number {
  const { backend } = model;
  const yHat = model.forward(buffers, fromLayer);
  const L = model.layers.length - 1;
  let value = Number.NaN;
  if (options.totals === undefined) value = backend.lossValue(options.loss, yHat, buffers.Y);
  else backend.accumulateBatchTotals(options.loss, yHat, buffers.Y, options.totals);
  const output = model.outputLayer;
  if ((options.outputGradient ?? 'exact') === 'exact' && isFusedPair(output.activation, options.loss)) {
    backend.fusedOutputGradient(yHat, buffers.Y, buffers.dZ[L]!);
  } else {
    backend.lossGradient(options.loss, yHat, buffers.Y, buffers.dA[L]!);
    output.activationBackward(backend, { Z: buffers.Z[L]!, A: yHat }, buffers.dA[L]!, buffers.dZ[L]!);
  }
  return value;
}

/** What Mlp.backward hands down instead of the output layer's dZ: E for seed 003's shortcut, else undefined. */
export function outputErrorBackward(buffers: StepBuffers, options: GradientOptions): Matrix | undefined {
  return options.outputGradient === 'rawErrorBackward' ? buffers.dA[buffers.dA.length - 1]! : undefined;
}

/**
 * Forward pass, loss, and back-propagation on filled buffers, leaving dW and db in every layer
 * (the parameters are not changed); returns the batch's mean loss (NaN with `options.totals`).
 */
export function computeGradients(model: Mlp, buffers: StepBuffers, options: GradientOptions): number {
  const value = forwardToOutputError(model, buffers, options);
  model.backward(buffers, outputErrorBackward(buffers, options));
  return value;
}

/**
 * One full standard step on filled buffers: computeGradients, then `options.optimizer.step`.
 * Returns the batch loss (before the update). dW and db hold this batch's gradients afterwards,
 * whatever the optimiser (the training loops' StepPlan may fuse plain SGD instead).
 */
export function trainStep(model: Mlp, buffers: StepBuffers, options: TrainStepOptions): number {
  const value = computeGradients(model, buffers, options);
  options.optimizer.step(model.backend, options.parameters ?? modelParameters(model));
  return value;
}

/** The trainable parameters of `model`, in layer order (W then b); biases left out when frozen. */
export function modelParameters(model: Mlp, updateBiases = true): Parameter[] {
  const parameters: Parameter[] = [];
  model.layers.forEach((layer, l) => {
    parameters.push({ name: `W${l + 1}`, value: layer.W, grad: layer.dW, decay: true });
    if (updateBiases && layer.b !== null && layer.db !== null) {
      parameters.push({ name: `b${l + 1}`, value: layer.b, grad: layer.db, decay: false });
    }
  });
  return parameters;
}
