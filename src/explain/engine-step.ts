/**
 * Runs the training engine itself (Mlp on the reference backend, float64, trainStep with SGD)
 * on the one example of an ExplainSetup, and copies out every intermediate matrix as plain arrays.
 * Every number an explanation prints comes from here or from the math tables.
 *
 * Shapes (m = 1 example, n_l = size of layer l, layers l = 1..L stored at index l−1):
 *   X 1 x n_0, Z[l] A[l] dA[l] dZ[l] 1 x n_l, W[l] dW[l] n_{l−1} x n_l, b[l] db[l] 1 x n_l.
 */
import { createReferenceBackend } from '../backend/reference.js';
import type { Matrix } from '../matrix.js';
import { Mlp } from '../nn/mlp.js';
import { createOptimizer } from '../nn/optimizers.js';
import type { StepBuffers } from '../nn/workspace.js';
import { modelParameters, trainStep } from '../train/train-step.js';
import type { ExplainSetup } from './network-spec.js';

/** Every matrix of one forward/backward/update step, as nested arrays (rows of numbers). */
export interface EngineStep {
  /** Per layer (index l−1 for layer l): weighted inputs Z, 1 x n_l. */
  readonly Z: number[][][];
  /** Per layer: activations A = f(Z), 1 x n_l. */
  readonly A: number[][][];
  /**
   * Per layer: dA = ∂E/∂A, 1 x n_l, as the engine formed it below the output layer
   * (dA[l] = dZ[l+1]·W[l+1]ᵀ); the output layer's entry is the loss gradient (unused when fused).
   */
  readonly dA: number[][][];
  /** Per layer: dZ = ∂E/∂Z (the deltas), 1 x n_l. */
  readonly dZ: number[][][];
  /** Per layer: dW = A_prevᵀ·dZ, n_{l−1} x n_l. */
  readonly dW: number[][][];
  /** Per layer: db = Σ dZ (per neuron), 1 x n_l, or null without biases. */
  readonly db: number[][][] | null;
  /** The error of the example before the update. */
  readonly loss: number;
  /** Weights after the update, per layer, n_{l−1} x n_l. */
  readonly updatedW: number[][][];
  /** Biases after the update (one per neuron), per layer, or null without biases. */
  readonly updatedB: number[][] | null;
}

/** The engine's model for a setup: float64 on the reference backend, with the given weights and biases. */
export function buildModel(setup: ExplainSetup): Mlp {
  return Mlp.create({
    sizes: setup.sizes,
    activations: setup.activations,
    leakyAlpha: setup.leakyAlpha,
    weights: setup.W,
    ...(setup.b === null ? { bias: false } : { biases: setup.b }),
    dtype: 'float64',
    backend: createReferenceBackend(),
  });
}

/**
 * A stepper: each call makes one gradient-descent update of `model` on the example and returns
 * the error before it. Weights always go through the engine's trainStep with SGD; shared biases
 * (one per layer) are one parameter, so their gradient is the sum of the layer's db and all the
 * layer's copies move together.
 */
export function stepper(model: Mlp, setup: ExplainSetup): { buffers: StepBuffers; step: () => number } {
  const buffers = model.buffers(1);
  buffers.X.data.set(setup.inputs);
  buffers.Y.data.set(setup.targets);
  const tied = setup.biasMode === 'shared' && setup.updateBiases;
  const parameters = modelParameters(model, setup.updateBiases && !tied);
  const optimizer = createOptimizer({ kind: 'sgd', learningRate: setup.learningRate });
  const step = () => {
    const loss = trainStep(model, buffers, { loss: setup.loss, optimizer, parameters });
    if (tied) {
      for (const layer of model.layers) {
        if (layer.b === null || layer.db === null) continue;
        let sum = 0;
        for (const v of layer.db.data) sum += v;
        for (let j = 0; j < layer.b.data.length; j++) layer.b.data[j] = layer.b.data[j]! - setup.learningRate * sum;
      }
    }
    return loss;
  };
  return { buffers, step };
}

/** Runs one step of the engine and records every matrix of it. */
export function runEngineStep(setup: ExplainSetup): EngineStep {
  const model = buildModel(setup);
  const { buffers, step } = stepper(model, setup);
  const loss = step();
  const L = model.layers.length;
  const dA = buffers.dA.map(toRows);
  const outputGradient = model.backend.allocate(1, setup.sizes[L]!, 'float64');
  model.backend.lossGradient(setup.loss, buffers.A[L - 1]!, buffers.Y, outputGradient);
  dA[L - 1] = toRows(outputGradient);
  return {
    Z: buffers.Z.map(toRows),
    A: buffers.A.map(toRows),
    dA,
    dZ: buffers.dZ.map(toRows),
    dW: model.layers.map((layer) => toRows(layer.dW)),
    db: setup.b === null ? null : model.layers.map((layer) => toRows(layer.db!)),
    loss,
    updatedW: model.layers.map((layer) => toRows(layer.W)),
    updatedB: setup.b === null ? null : model.layers.map((layer) => Array.from(layer.b!.data)),
  };
}

/** Updates between two calls of an `onProgress` callback (a million updates take about 2 s). */
export const PROGRESS_EVERY = 4096;

/**
 * The error of the example after `iterations` engine updates from the starting weights.
 * `onProgress(done, iterations)` is called every PROGRESS_EVERY updates and once at the end.
 */
export function errorAfterUpdates(setup: ExplainSetup, iterations: number, onProgress?: (done: number, total: number) => void): number {
  const model = buildModel(setup);
  const { buffers, step } = stepper(model, setup);
  for (let done = 0; done < iterations; ) {
    const chunkEnd = Math.min(iterations, done + PROGRESS_EVERY);
    for (; done < chunkEnd; done++) step();
    if (done < iterations) onProgress?.(done, iterations);
  }
  onProgress?.(iterations, iterations);
  const yHat = model.forward(buffers);
  return model.backend.lossValue(setup.loss, yHat, buffers.Y);
}

/** A matrix as rows of plain numbers. */
export function toRows(M: Matrix): number[][] {
  return Array.from({ length: M.rows }, (_, r) => Array.from(M.data.subarray(r * M.cols, (r + 1) * M.cols)));
}
