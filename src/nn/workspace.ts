/**
 * The per-batch-size buffers of a model, allocated once through the backend and reused every step.
 *
 * For a model with layers 1..L and a batch capacity of M rows:
 *   X M x n_0 (inputs), Y M x n_L (targets), and per layer l: Z, A, dA, dZ, each M x n_l.
 * A batch of m <= M rows uses row-prefix views of the same memory (cached per m).
 * Slot 1 is a second X and Y (allocated when first asked for) sharing the rest with slot 0: the
 * training loop's step plan (train/step-plan.ts) fills the next batch there while the current one
 * is trained on.
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
  readonly #views = [new Map<number, StepBuffers>(), new Map<number, StepBuffers>()] as const;
  readonly #backend: Backend;
  readonly #dtype: DType;
  #second: StepBuffers | undefined;

  constructor(backend: Backend, sizes: readonly number[], capacity: number, dtype: DType) {
    this.capacity = capacity;
    this.#backend = backend;
    this.#dtype = dtype;
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
    this.#views[0].set(capacity, this.#full);
  }

  /**
   * Buffers for a batch of `rows` samples (1 <= rows <= capacity); views share memory with the
   * full buffers. `slot` 1 has its own X and Y and shares Z, A, dA, dZ with slot 0.
   */
  forRows(rows: number, slot: 0 | 1 = 0): StepBuffers {
    const cached = this.#views[slot].get(rows);
    if (cached !== undefined) return cached;
    if (rows < 1 || rows > this.capacity) throw new RangeError(`batch of ${rows} rows exceeds workspace capacity ${this.capacity}`);
    const view = (m: Matrix) => new Matrix(rows, m.cols, m.data.subarray(0, rows * m.cols));
    const full = slot === 0 ? this.#full : this.#secondSlot();
    const buffers: StepBuffers = {
      rows,
      X: view(full.X),
      Y: view(full.Y),
      Z: full.Z.map(view),
      A: full.A.map(view),
      dA: full.dA.map(view),
      dZ: full.dZ.map(view),
    };
    this.#views[slot].set(rows, buffers);
    return buffers;
  }

  /** Gives every buffer back to the backend (see Backend.release); the workspace must not be used afterwards. */
  dispose(): void {
    const release = (m: Matrix) => this.#backend.release?.(m);
    for (const buffers of [this.#full, this.#second]) {
      if (buffers === undefined) continue;
      release(buffers.X);
      release(buffers.Y);
      if (buffers === this.#second) continue; // shares the rest with the first slot
      for (const list of [buffers.Z, buffers.A, buffers.dA, buffers.dZ]) list.forEach(release);
    }
    this.#views[0].clear();
    this.#views[1].clear();
  }

  #secondSlot(): StepBuffers {
    const full = this.#full;
    this.#second ??= {
      ...full,
      X: this.#backend.allocate(this.capacity, full.X.cols, this.#dtype),
      Y: this.#backend.allocate(this.capacity, full.Y.cols, this.#dtype),
    };
    return this.#second;
  }
}
