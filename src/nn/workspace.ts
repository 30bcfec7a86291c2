/**
 * The per-batch-size buffers of a model, allocated once through the backend and reused every step.
 *
 * For a model with layers 1..L and a batch capacity of M rows:
 *   X M x n_0 (inputs), Y M x n_L (targets), and per layer l: Z, A, dA, dZ, each M x n_l.
 * A batch of m <= M rows uses row-prefix views of the same memory (cached per m).
 */
import type { Backend } from '../backend/backend.js';
import { Matrix, type DType } from '../matrix.js';

/** The buffers one step needs, for exactly `rows` samples. */
export interface StepBuffers {
  readonly rows: number;
  readonly X: Matrix;
  readonly Y: Matrix;
  readonly Z: readonly Matrix[];
  readonly A: readonly Matrix[];
  readonly dA: readonly Matrix[];
  readonly dZ: readonly Matrix[];
}

/** Buffers for up to `capacity` rows, with views for any smaller batch. */
export class Workspace {
  readonly capacity: number;
  readonly #full: StepBuffers;
  readonly #views = new Map<number, StepBuffers>();

  constructor(backend: Backend, sizes: readonly number[], capacity: number, dtype: DType) {
    this.capacity = capacity;
    const layerSizes = sizes.slice(1);
    const each = () => layerSizes.map((n) => backend.allocate(capacity, n, dtype));
    this.#full = {
      rows: capacity,
      X: backend.allocate(capacity, sizes[0]!, dtype),
      Y: backend.allocate(capacity, sizes[sizes.length - 1]!, dtype),
      Z: each(),
      A: each(),
      dA: each(),
      dZ: each(),
    };
    this.#views.set(capacity, this.#full);
  }

  /** Buffers for a batch of `rows` samples (1 <= rows <= capacity); views share memory with the full buffers. */
  forRows(rows: number): StepBuffers {
    const cached = this.#views.get(rows);
    if (cached !== undefined) return cached;
    if (rows < 1 || rows > this.capacity) throw new RangeError(`batch of ${rows} rows exceeds workspace capacity ${this.capacity}`);
    const view = (m: Matrix) => new Matrix(rows, m.cols, m.data.subarray(0, rows * m.cols));
    const full = this.#full;
    const buffers: StepBuffers = {
      rows,
      X: view(full.X),
      Y: view(full.Y),
      Z: full.Z.map(view),
      A: full.A.map(view),
      dA: full.dA.map(view),
      dZ: full.dZ.map(view),
    };
    this.#views.set(rows, buffers);
    return buffers;
  }
}
