/**
 * A fully connected layer, forward and backward side by side, exactly as the seeds derive them.
 *
 * Shapes (m = batch rows, k = inputSize, n = units):
 *   aPrev m x k, W k x n, b 1 x n, Z m x n, A m x n, dA m x n, dZ m x n, dW k x n, db 1 x n, dAPrev m x k.
 */
import type { Backend } from '../backend/backend.js';
import type { ActivationName } from '../math/activations.js';
import type { DType, Matrix } from '../matrix.js';
import type { StepBuffers } from './workspace.js';

/** The architecture of one dense layer (no numbers). */
export interface DenseConfig {
  readonly inputSize: number;
  readonly units: number;
  readonly activation: ActivationName;
  /** Leaky ReLU's negative slope (kept for every activation, used by leakyRelu only). */
  readonly alpha: number;
  /** Whether the layer adds a bias b. */
  readonly useBias: boolean;
}

/** Plain SGD (no weight decay) applied during back-propagation instead of after it. */
export interface SgdInBackward {
  readonly learningRate: number;
  /** False when biases are frozen (their gradient db is still formed). */
  readonly updateBiases: boolean;
}

/** Z = aPrev·W + b, A = f(Z); gradients dW, db live beside the parameters. */
export class Dense implements DenseConfig {
  readonly inputSize: number;
  readonly units: number;
  readonly activation: ActivationName;
  readonly alpha: number;
  readonly useBias: boolean;
  /** Weights, inputSize x units: W[i][j] connects input i to neuron j. */
  readonly W: Matrix;
  /** Biases, 1 x units, or null without bias. */
  readonly b: Matrix | null;
  /** ∂loss/∂W of the last backward pass, inputSize x units (not written by a fused SGD backward pass). */
  readonly dW: Matrix;
  /** ∂loss/∂b of the last backward pass, 1 x units, or null. */
  readonly db: Matrix | null;

  constructor(config: DenseConfig, backend: Backend, dtype: DType) {
    this.inputSize = config.inputSize;
    this.units = config.units;
    this.activation = config.activation;
    this.alpha = config.alpha;
    this.useBias = config.useBias;
    const made: Matrix[] = [];
    const allocate = (rows: number, cols: number): Matrix => {
      const m = backend.allocate(rows, cols, dtype);
      made.push(m);
      return m;
    };
    try {
      this.W = allocate(this.inputSize, this.units);
      this.dW = allocate(this.inputSize, this.units);
      this.b = this.useBias ? allocate(1, this.units) : null;
      this.db = this.useBias ? allocate(1, this.units) : null;
    } catch (error) {
      // Out of memory half-way: give back what was taken, so the backend stays usable.
      for (const m of made) backend.release?.(m);
      throw error;
    }
  }

  /** Z = aPrev·W + b, A = f(Z) in one fused backend call. */
  forward(backend: Backend, aPrev: Matrix, Z: Matrix, A: Matrix): void {
    backend.denseForward(aPrev, this.W, this.b, this.activation, this.alpha, Z, A);
  }

  /** dZ = dA ⊙ f'(Z) (for softmax the row-wise Jacobian product). */
  activationBackward(backend: Backend, Z: Matrix, A: Matrix, dA: Matrix, dZ: Matrix): void {
    backend.activationBackward(this.activation, this.alpha, Z, A, dA, dZ);
  }

  /**
   * Given dZ, forms dW = aPrevᵀ·dZ / m, db = Σ dZ / m, and, when dAPrev is not null,
   * dAPrev = errorBelow·Wᵀ, the gradient handed to the layer below (errorBelow is dZ except
   * in seed 003's shortcut, which hands down the output error without f').
   * With `sgd`, W is updated in place instead (W −= lr·aPrevᵀ·dZ / m, after dAPrev is formed from
   * the old W), and so is b when `sgd.updateBiases`: the same step as backward + sgdUpdate.
   * `next` (with `sgd`, first layer only): the next batch's buffers; the update and that batch's
   * forward pass through this layer (next.X in, next.Z[0] and next.A[0] out) run as one backend
   * call (Backend.denseUpdateForward), which calls `fillNext` to fill next.X first.
   */
  backward(
    backend: Backend, aPrev: Matrix, dZ: Matrix, dAPrev: Matrix | null, errorBelow: Matrix = dZ, sgd?: SgdInBackward,
    next?: StepBuffers, fillNext?: () => void,
  ): void {
    const m = dZ.rows;
    if (sgd !== undefined) {
      // Fused plain SGD: dAPrev with the weights before the update, then W −= (lr/m)·aPrevᵀ·dZ in one
      // accumulating product (dW is never formed); the bias the same as sgdUpdate would do it.
      if (dAPrev !== null) backend.matmulTransB(errorBelow, this.W, dAPrev);
      if (this.b !== null && this.db !== null) {
        backend.sumColumns(dZ, this.db, 1 / m);
        if (sgd.updateBiases) backend.sgdUpdate(this.b, this.db, sgd.learningRate, 0);
      }
      if (next === undefined) backend.matmulTransA(aPrev, dZ, this.W, -sgd.learningRate / m, 1);
      else backend.denseUpdateForward(aPrev, dZ, this.W, -sgd.learningRate / m, next.X, this.b, this.activation, this.alpha, next.Z[0]!, next.A[0]!, fillNext);
      return;
    }
    if (next !== undefined) throw new Error('Dense.backward: a forward pass for the next batch needs the fused SGD update');
    backend.matmulTransA(aPrev, dZ, this.dW, 1 / m);
    if (this.db !== null) backend.sumColumns(dZ, this.db, 1 / m);
    if (dAPrev !== null) backend.matmulTransB(errorBelow, this.W, dAPrev);
  }

  /** Gives the layer's matrices back to the backend (see Backend.release); the layer must not be used afterwards. */
  dispose(backend: Backend): void {
    for (const m of [this.W, this.dW, this.b, this.db]) if (m !== null) backend.release?.(m);
  }

  /** Number of trainable values. */
  get parameterCount(): number {
    return this.inputSize * this.units + (this.useBias ? this.units : 0);
  }

  /** The architecture of this layer as plain data. */
  get config(): DenseConfig {
    return {
      inputSize: this.inputSize,
      units: this.units,
      activation: this.activation,
      alpha: this.alpha,
      useBias: this.useBias,
    };
  }
}
