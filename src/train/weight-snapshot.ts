/** A copy of every weight and bias of a model, to restore later (best epoch, last good epoch). */
import type { FloatArray } from '../matrix.js';
import type { Mlp } from '../nn/mlp.js';

export class WeightSnapshot {
  readonly #values: FloatArray[];

  /** Takes a first copy of `model`'s parameters (buffers are allocated once, here). */
  constructor(model: Mlp) {
    this.#values = parameterArrays(model).map((a) => a.slice());
  }

  /** Overwrites the snapshot with the model's current parameters. */
  capture(model: Mlp): void {
    parameterArrays(model).forEach((a, i) => this.#values[i]!.set(a));
  }

  /** Writes the snapshot back into the model. */
  restore(model: Mlp): void {
    parameterArrays(model).forEach((a, i) => a.set(this.#values[i]!));
  }
}

function parameterArrays(model: Mlp): FloatArray[] {
  return model.layers.flatMap((l) => (l.b === null ? [l.W.data] : [l.W.data, l.b.data]));
}
