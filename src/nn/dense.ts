/**
 * A fully connected layer, forward and backward side by side, exactly as the seeds derive them.
 * Backward comes as two operations: `gradients` (dW, db, dAPrev, for any optimiser) and `sgdStep`
 * (plain SGD written into W and b during back-propagation, with no dW).
 *
 * Shapes (m = batch rows, k = inputSize, n = units):
 *   aPrev m x k, W k x n, b 1 x n, Z m x n, A m x n, dA m x n, dZ m x n, dW k x n, db 1 x n, dAPrev m x k.
 */
import type { Backend } from '../backend/backend.js';
import type { ActivationName } from '../math/activations.js';
import type { DType, Matrix } from '../matrix.js';

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

/** One batch (m rows) at one layer: what back-propagation through it reads and writes. */
export interface LayerBatch {
  /** The layer's input, m x k. */
  readonly aPrev: Matrix;
  /** ∂loss/∂Z, m x n, already formed (Dense.activationBackward, or the output gradient). */
  readonly dZ: Matrix;
  /** Receives ∂loss/∂aPrev, m x k, for the layer below; null for the first layer. */
  readonly dAPrev: Matrix | null;
  /**
   * What is multiplied by Wᵀ into dAPrev: dZ when left out; seed 003's shortcut hands down the
   * output error without f' instead (m x n).
   */
  readonly errorBelow?: Matrix;
}

/** A plain-SGD step (p −= learningRate·g, no weight decay) applied during back-propagation. */
export interface SgdStep {
  readonly learningRate: number;
  /** False when biases are frozen (their gradient db is still formed). */
  readonly updateBiases: boolean;
}

/**
 * A weight update not yet applied: W += alpha·Uᵀ·D, one accumulating product (Backend.matmulTransA
 * with beta 1). U r x k, D r x n, W k x n. Plain SGD's is U = aPrev, D = dZ, alpha = −lr/m.
 */
export interface WeightUpdate {
  readonly U: Matrix;
  readonly D: Matrix;
  readonly W: Matrix;
  readonly alpha: number;
}

/** Applies a weight update (see WeightUpdate). */
export function applyWeightUpdate(backend: Backend, update: WeightUpdate): void {
  backend.matmulTransA(update.U, update.D, update.W, update.alpha, 1);
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
  /** ∂loss/∂W of the last `gradients` call, inputSize x units (`sgdStep` does not form it). */
  readonly dW: Matrix;
  /** ∂loss/∂b of the last `gradients` or `sgdStep` call, 1 x units, or null. */
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

  /** dZ = dA ⊙ f'(Z) (for softmax the row-wise Jacobian product); `at` is this layer's Z and A = f(Z), all m x n. */
  activationBackward(backend: Backend, at: { readonly Z: Matrix; readonly A: Matrix }, dA: Matrix, dZ: Matrix): void {
    backend.activationBackward(this.activation, this.alpha, at.Z, at.A, dA, dZ);
  }

  /**
   * Given the batch's dZ, forms the gradients: dW = aPrevᵀ·dZ / m, db = Σ dZ / m, and, when
   * batch.dAPrev is not null, dAPrev = errorBelow·Wᵀ, the gradient handed to the layer below.
   * The parameters are not changed (an optimiser reads dW and db).
   */
  gradients(backend: Backend, batch: LayerBatch): void {
    const m = batch.dZ.rows;
    backend.matmulTransA(batch.aPrev, batch.dZ, this.dW, 1 / m);
    if (this.db !== null) backend.sumColumns(batch.dZ, this.db, 1 / m);
    if (batch.dAPrev !== null) backend.matmulTransB(batch.errorBelow ?? batch.dZ, this.W, batch.dAPrev);
  }

  /**
   * A different operation from `gradients`: one plain-SGD step applied during back-propagation.
   * dAPrev = errorBelow·Wᵀ with the weights before the step, then b −= lr·db (db = Σ dZ / m is
   * formed; b is left when `sgd.updateBiases` is false), then W −= (lr/m)·aPrevᵀ·dZ written into W
   * as one accumulating product. dW is not formed: it still holds the last `gradients` call's.
   * The same step as `gradients` followed by Backend.sgdUpdate on W and b, up to rounding (the
   * product scales by −lr/m as it accumulates).
   */
  sgdStep(backend: Backend, batch: LayerBatch, sgd: SgdStep): void {
    applyWeightUpdate(backend, this.sgdStepExceptWeights(backend, batch, sgd));
  }

  /**
   * `sgdStep` up to its last operation: returns the weight update W −= (lr/m)·aPrevᵀ·dZ instead of
   * applying it, for the caller to apply (alone, or fused with the next batch's forward pass
   * through this layer: Backend.denseUpdateForward). Until then W holds the weights before the step.
   */
  sgdStepExceptWeights(backend: Backend, batch: LayerBatch, sgd: SgdStep): WeightUpdate {
    const m = batch.dZ.rows;
    if (batch.dAPrev !== null) backend.matmulTransB(batch.errorBelow ?? batch.dZ, this.W, batch.dAPrev);
    if (this.b !== null && this.db !== null) {
      backend.sumColumns(batch.dZ, this.db, 1 / m);
      if (sgd.updateBiases) backend.sgdUpdate(this.b, this.db, sgd.learningRate, 0);
    }
    return { U: batch.aPrev, D: batch.dZ, W: this.W, alpha: -sgd.learningRate / m };
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
