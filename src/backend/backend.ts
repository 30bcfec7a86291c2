/**
 * The Backend contract: the numeric operations an MLP needs. Every required operation is
 * arithmetic on matrices the caller allocated (gathering rows also reads host arrays). The
 * optional members are capabilities a backend may add (threads, memory release, device reads,
 * fused or extra operations); each says what callers do without it. One of them takes more than matrices: `denseUpdateForward` (the fused plain-SGD
 * update and next forward pass) takes a callback, `fillInput`, which the training loop's step plan
 * (train/step-plan.ts) hands it directly and which fills the next batch's input in the middle of
 * the call, so that a backend may gather the next batch while its threads finish the update.
 * Without the capability the step plan runs compose.ts's `composedUpdateForward` (the same two
 * calls and the fill between them) instead.
 *
 * Shapes use the seeds' row-major notation: a batch of m samples is an `m x n` matrix
 * (one sample per row), a weight matrix W is `n_in x n_out`, a bias b is `1 x n_out`.
 * Every operation writes into caller-provided output matrices, which the model allocates
 * once per (model, batch size) through `allocate`; no operation allocates per call.
 * Output matrices never alias inputs unless an operation says so.
 *
 * `reference.ts` is the definition of each operation (for `denseUpdateForward` it runs the
 * composition); every other backend must pass the conformance suite (test/backends.test.ts)
 * against it, which also checks each optional fused operation against its composition.
 */
import type { ActivationName } from '../math/activations.js';
import type { LossName } from '../math/losses.js';
import type { DType, FloatArray, Matrix } from '../matrix.js';

/** Settings of one Adam step. */
export interface AdamStep {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** 1-based step count, for bias correction. */
  readonly step: number;
  readonly weightDecay: number;
}

export interface Backend {
  /** Short name: 'reference', 'wasm', 'webgpu', ... */
  readonly name: string;
  /** Precisions this backend computes in. */
  readonly dtypes: readonly DType[];

  /** A zero-filled `rows x cols` matrix living in this backend's memory, kept as long as the backend lives. */
  allocate(rows: number, cols: number, dtype: DType): Matrix;

  /**
   * Optional: resolves once the backend's worker threads have started (or after `timeoutMs`),
   * with the number of threads usable; backends without threads leave it out.
   * `await model.backend.threadsReady?.()` before training makes every step use them.
   */
  threadsReady?(timeoutMs?: number): Promise<number>;

  /**
   * Optional: gives back the memory of a matrix from `allocate`, for later allocations to reuse
   * (backends whose matrices live on the JavaScript heap leave that to the garbage collector).
   * The matrix, and any view of it, must not be used afterwards. Other matrices: nothing happens.
   */
  release?(matrix: Matrix): void;

  /**
   * Present on backends whose results live in device memory (webgpu): after an operation writes
   * a matrix, its `data` on the host is stale until `await read(matrix)` copies it back (and
   * resolves with `matrix.data`). Backends without it compute in host memory: `data` is always current.
   */
  read?(matrix: Matrix): Promise<FloatArray>;

  /** C = alpha · A·B. A: m x k, B: k x n, C: m x n. */
  matmul(A: Matrix, B: Matrix, C: Matrix, alpha?: number): void;
  /**
   * C = alpha · Aᵀ·B + beta · C. A: k x m, B: k x n, C: m x n (dW = A_prevᵀ·dZ / m).
   * beta defaults to 0, and then C is only written (it may hold anything, NaN included).
   * beta = 1 accumulates: plain SGD applies W −= (lr/m)·A_prevᵀ·dZ as one call with alpha = −lr/m.
   */
  matmulTransA(A: Matrix, B: Matrix, C: Matrix, alpha?: number, beta?: number): void;
  /** C = alpha · A·Bᵀ. A: m x k, B: n x k, C: m x n (dA_prev = dZ·Wᵀ). */
  matmulTransB(A: Matrix, B: Matrix, C: Matrix, alpha?: number): void;

  /**
   * Fused dense forward: Z = X·W + b, A = f(Z).
   * X: m x k, W: k x n, b: 1 x n or null (no bias), Z and A: m x n.
   * `alpha` is leaky ReLU's negative slope (ignored by other activations).
   */
  denseForward(X: Matrix, W: Matrix, b: Matrix | null, activation: ActivationName, alpha: number, Z: Matrix, A: Matrix): void;

  /**
   * Optional: one layer's plain-SGD update, then the next batch's forward pass through the updated
   * layer: W += alpha·Uᵀ·D (matmulTransA with beta 1), then Z = X·W + b, A = f(Z) (denseForward).
   * U: r x k (this batch's layer input), D: r x n (its dZ), W: k x n, X: m x k (the next batch's
   * layer input), b: 1 x n or null, Z and A: m x n. The result is that of the two calls, bit for
   * bit on the same backend (compose.ts's `composedUpdateForward` is the definition, and what the
   * step plan runs on a backend without this); a backend has it to fuse them (the wasm one does
   * for one-row U and X: one pass over W per sample instead of two). `fillInput`, when given,
   * writes X (and nothing that U, D or W are): it is called once, after the update has begun and
   * before X is read, so that a backend can run it while other threads finish their part of the
   * update.
   */
  denseUpdateForward?(
    U: Matrix, D: Matrix, W: Matrix, alpha: number, X: Matrix, b: Matrix | null, activation: ActivationName, activationAlpha: number, Z: Matrix, A: Matrix,
    fillInput?: () => void,
  ): void;

  /** Row-wise softmax: A[r] = softmax(Z[r]). Z, A: m x n. */
  softmaxRows(Z: Matrix, A: Matrix): void;

  /**
   * Back through an activation: dZ = dA ⊙ f'(Z) element-wise; for softmax the row-wise
   * Jacobian-vector product dZ = A ⊙ (dA − rowsum(dA ⊙ A)). Z, A = f(Z), dA, dZ: m x n.
   */
  activationBackward(activation: ActivationName, alpha: number, Z: Matrix, A: Matrix, dA: Matrix, dZ: Matrix): void;

  /** Mean over the m rows of the per-sample loss (see math/losses.ts). yHat, y: m x n. */
  lossValue(loss: LossName, yHat: Matrix, y: Matrix): number;
  /**
   * Adds one batch's sums into `totals` (1 x 3) without returning them, so that a backend on a
   * device keeps them there until they are read once per epoch: totals[0] += Σ_rows per-sample
   * loss, totals[1] += rows whose ŷ and y have their first maximum in the same column (one output:
   * ŷ and y on the same side of 0.5), totals[2] += Σ |ŷ − y|. yHat, y: m x n.
   */
  accumulateBatchTotals(loss: LossName, yHat: Matrix, y: Matrix, totals: Matrix): void;
  /** dA = ∂(per-sample loss)/∂ŷ, element-wise. yHat, y, dA: m x n. */
  lossGradient(loss: LossName, yHat: Matrix, y: Matrix, dA: Matrix): void;
  /** Fused output gradient of softmax+cross-entropy and sigmoid+binary cross-entropy: dZ = ŷ − y. m x n. */
  fusedOutputGradient(yHat: Matrix, y: Matrix, dZ: Matrix): void;

  /** out = scale · Σ_rows M (db = Σ dZ / m). M: m x n, out: 1 x n. */
  sumColumns(M: Matrix, out: Matrix, scale: number): void;

  /** Plain SGD with L2: p −= lr·(g + weightDecay·p). p, g: same shape. */
  sgdUpdate(param: Matrix, grad: Matrix, learningRate: number, weightDecay: number): void;
  /**
   * Momentum (PyTorch form): g' = g + weightDecay·p, v = momentum·v + g',
   * p −= lr·v (classical) or p −= lr·(g' + momentum·v) (Nesterov). p, g, v: same shape.
   */
  momentumUpdate(
    param: Matrix,
    grad: Matrix,
    velocity: Matrix,
    learningRate: number,
    momentum: number,
    nesterov: boolean,
    weightDecay: number,
  ): void;
  /**
   * Adam: g' = g + weightDecay·p, m = β1·m + (1−β1)·g', v = β2·v + (1−β2)·g'²,
   * p −= lr · (m / (1−β1^t)) / (sqrt(v / (1−β2^t)) + ε). p, g, m, v: same shape.
   */
  adamUpdate(param: Matrix, grad: Matrix, m: Matrix, v: Matrix, settings: AdamStep): void;

  /**
   * Optional: the L1 penalty's gradient added in place, g += strength·sign(p) (sign(0) = 0; see
   * math/regularizers.ts). p, g: same shape. Optimisers fall back to the reference backend's
   * definition, which reads and writes `data` directly, when a backend leaves it out.
   */
  addL1Gradient?(param: Matrix, grad: Matrix, strength: number): void;

  /**
   * Gathers rows for a batch: out[i] = source[indices[start + i]] for i < out.rows.
   * source: float rows of `out.cols` values each. A device backend uploads each source array
   * once and reuses it (here and in gatherRowsU8): a source must not change between calls.
   */
  gatherRows(source: FloatArray, indices: ArrayLike<number>, start: number, out: Matrix): void;
  /**
   * Gathers byte rows (e.g. uint8 images) converting to float: out[i][j] = source[row][j]·scale + shift,
   * with row = indices[start + i]. source: rows of `out.cols` bytes each.
   */
  gatherRowsU8(source: Uint8Array, indices: ArrayLike<number>, start: number, scale: number, shift: number, out: Matrix): void;
}
