/**
 * The page's own engine, for the boundary grid and the pad's predictions: the reference backend
 * at first, wasm once its asynchronous compile is done (a page's main thread refuses synchronous
 * ones), or reference for good without SIMD. Panels hear when it switches.
 */
import { createReferenceBackend, loadWasmBackend, type Backend } from '../src/index.js';

/** The page thread's backend and its listeners. */
export class PageEngine {
  #backend: Backend = createReferenceBackend();
  readonly #listeners: (() => void)[] = [];

  constructor() {
    loadWasmBackend({ threads: 1 }).then(
      (wasm) => {
        this.#backend = wasm;
        for (const listener of this.#listeners) listener();
      },
      () => undefined,
    );
  }

  get backend(): Backend {
    return this.#backend;
  }

  /** Calls `listener` when the backend changes (once, when wasm is ready). */
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }
}
