/**
 * One training step on one batch: forward → loss → backward → optimiser update.
 * Shapes: buffers.X m x n_0 and buffers.Y m x n_L are filled by the caller.
 */
import { isFusedPair, type LossName } from '../math/losses.js';
import type { Mlp } from '../nn/mlp.js';
import type { StepBuffers } from '../nn/workspace.js';
import { isPlainSgd, takePlainSgdStep, type Optimizer, type Parameter } from '../nn/optimizers.js';
import type { SgdInBackward } from '../nn/dense.js';
import type { Matrix } from '../matrix.js';

/**
 * How the output layer's error is formed.
 * - 'exact': dZ = ∂loss/∂ŷ ⊙ f'(Z) (or the fused ŷ − y for softmax+cross-entropy and sigmoid+BCE).
 * - 'rawErrorBackward': seed 003's code. The output layer's own update uses dZ = E ⊙ f'(Z) with
 *   E = ∂loss/∂ŷ, but the error handed back to the hidden layer is E·Wᵀ instead of dZ·Wᵀ: the output
 *   activation's derivative is left out of what is back-propagated. Not the gradient of any loss.
 */
export type OutputGradient = 'exact' | 'rawErrorBackward';

/**
 * Forward pass, loss, and back-propagation on filled buffers; returns the batch's mean loss, or,
 * when `totals` (1 x 3) is given, adds the batch's sums into it on the backend instead
 * (Backend.accumulateBatchTotals, read back later: asynchronous backends) and returns NaN.
 * `ahead` (with `sgd`): `firstLayerReady` says the first layer's Z and A are already in the
 * buffers; `next`, the next batch's buffers, gets its first-layer forward pass from this step.
 */
export function computeGradients(
  model: Mlp, buffers: StepBuffers, loss: LossName, outputGradient: OutputGradient = 'exact', sgd?: SgdInBackward, ahead?: Lookahead,
  totals?: Matrix,
): number {
  const { backend } = model;
  const yHat = model.forward(buffers, ahead?.firstLayerReady === true ? 1 : 0);
  const L = model.layers.length - 1;
  let value = Number.NaN;
  if (totals === undefined) value = backend.lossValue(loss, yHat, buffers.Y);
  else backend.accumulateBatchTotals(loss, yHat, buffers.Y, totals);
  const output = model.outputLayer;
  if (outputGradient === 'exact' && isFusedPair(output.activation, loss)) {
    backend.fusedOutputGradient(yHat, buffers.Y, buffers.dZ[L]!);
  } else {
    backend.lossGradient(loss, yHat, buffers.Y, buffers.dA[L]!);
    output.activationBackward(backend, buffers.Z[L]!, yHat, buffers.dA[L]!, buffers.dZ[L]!);
  }
  model.backward(buffers, outputGradient === 'rawErrorBackward' ? buffers.dA[L]! : undefined, sgd, ahead?.next, ahead?.fillNext);
  return value;
}

/**
 * Work carried from one step to the next by the training loop (fused plain SGD only): the
 * first layer's update of this step and the next batch's first-layer forward pass run as one
 * backend call. Per sample that reads W once instead of twice; for batches the next batch is
 * gathered while worker threads finish their part of the update. Results are bit-identical to
 * running the steps apart.
 */
export interface Lookahead {
  /** True when the previous step already computed this batch's first-layer Z and A. */
  readonly firstLayerReady: boolean;
  /** The next batch's buffers (sharing Z and A with this batch's), or undefined for the last batch. */
  readonly next: StepBuffers | undefined;
  /** Fills next.X and next.Y; the first layer's update calls it (so threads can finish the update meanwhile). */
  readonly fillNext: () => void;
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

/** Options of one step. */
export interface StepOptions {
  readonly loss: LossName;
  readonly outputGradient?: OutputGradient;
  /**
   * Let plain SGD (createOptimizer's 'sgd' without weight decay, on every layer's W) update the
   * weights inside back-propagation: W −= (lr/m)·aPrevᵀ·dZ as one accumulating product, the same
   * step without writing dW and reading it back. layer.dW is then left as it was. Default false.
   */
  readonly fuseSgd?: boolean;
  /** See Lookahead; only with fuseSgd on an optimiser and parameters that `canLookAhead` accepts. */
  readonly lookahead?: Lookahead;
  /** When given (1 x 3), the batch's loss and metric sums are added into it and the step returns NaN (see computeGradients). */
  readonly totals?: Matrix;
}

/** One full step on filled buffers: gradients, then the optimiser's update. Returns the batch loss (before the update). */
export function trainStep(model: Mlp, buffers: StepBuffers, optimizer: Optimizer, parameters: readonly Parameter[], options: StepOptions): number {
  const updateBiases = options.fuseSgd === true ? fusableBiases(model, parameters) : undefined;
  const learningRate = updateBiases === undefined ? undefined : takePlainSgdStep(optimizer);
  if (updateBiases !== undefined && learningRate !== undefined) {
    return computeGradients(model, buffers, options.loss, options.outputGradient, { learningRate, updateBiases }, options.lookahead, options.totals);
  }
  if (options.lookahead !== undefined) throw new Error('trainStep: lookahead needs the fused plain-SGD step (see canLookAhead)');
  const value = computeGradients(model, buffers, options.loss, options.outputGradient, undefined, undefined, options.totals);
  optimizer.step(model.backend, parameters);
  return value;
}

/**
 * Whether steps may carry a Lookahead: plain SGD fused into back-propagation, with at least two
 * layers (a single layer's Z and A are the output, which the loop reads after each step).
 */
export function canLookAhead(model: Mlp, optimizer: Optimizer, parameters: readonly Parameter[]): boolean {
  return model.layers.length >= 2 && isPlainSgd(optimizer) && fusableBiases(model, parameters) !== undefined;
}

/**
 * Whether `parameters` are exactly what modelParameters(model, updateBiases) lists, for some
 * updateBiases (which is returned); undefined for any other list (then no fusion).
 */
function fusableBiases(model: Mlp, parameters: readonly Parameter[]): boolean | undefined {
  for (const updateBiases of [true, false]) {
    let i = 0;
    let same = true;
    for (const layer of model.layers) {
      if (parameters[i]?.value !== layer.W || parameters[i]?.grad !== layer.dW) same = false;
      i++;
      if (updateBiases && layer.b !== null) {
        if (parameters[i]?.value !== layer.b) same = false;
        i++;
      }
    }
    if (same && i === parameters.length) return updateBiases;
  }
  return undefined;
}
