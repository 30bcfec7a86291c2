/**
 * The page's copy of a worker's model, for drawing: built once per run from the run's model file
 * on the page engine, then kept current by copying each snapshot's raw weights into it (never
 * rebuilt per frame). Rebuilt on the new backend when the page engine switches to wasm.
 */
import { Mlp, type Backend } from '../src/index.js';
import type { Snapshot } from './job-client.js';

/** One run's model on the page thread, or undefined before its first snapshot. */
export class PageModel {
  #model: Mlp | undefined;
  #run = -1;

  get model(): Mlp | undefined {
    return this.#model;
  }

  /** Forgets the current model (a new run is starting). */
  reset(): void {
    this.#model?.dispose();
    this.#model = undefined;
    this.#run = -1;
  }

  /** Takes a snapshot's weights; builds the model from its file when the run is new. */
  sync(snapshot: Snapshot, backend: Backend): void {
    if (snapshot.id !== this.#run || this.#model === undefined) {
      if (snapshot.model === undefined) return;
      this.#model?.dispose();
      this.#model = Mlp.fromJSON(snapshot.model, { backend });
      this.#run = snapshot.id;
    }
    const model = this.#model;
    snapshot.weights?.forEach((w, l) => {
      const layer = model.layers[l]!;
      layer.W.data.set(w.W);
      if (layer.b !== null && w.b !== null) layer.b.data.set(w.b);
    });
  }

  /** Moves the model to another backend (same weights and metadata). */
  moveTo(backend: Backend): void {
    if (this.#model === undefined || this.#model.backend === backend) return;
    const moved = this.#model.clone({ backend });
    this.#model.dispose();
    this.#model = moved;
  }
}
