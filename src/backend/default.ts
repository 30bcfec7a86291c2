/**
 * The backend a model gets when none is given: the wasm backend (SIMD kernels, threads = cores)
 * where the engine has WebAssembly SIMD128 and can compile it synchronously, else the reference
 * backend. Another backend can be installed once at start-up with `setDefaultBackend`.
 */
import type { Backend } from './backend.js';
import { createReferenceBackend } from './reference.js';
import { createWasmBackend, wasmSimdSupported } from './wasm.js';

let defaultBackend: Backend | undefined;

/** The backend used by models created without an explicit `backend` option. */
export function getDefaultBackend(): Backend {
  defaultBackend ??= createFastestBackend();
  return defaultBackend;
}

/** Replaces the default backend for models created from now on. */
export function setDefaultBackend(backend: Backend): void {
  defaultBackend = backend;
}

function createFastestBackend(): Backend {
  try {
    // A browser page's main thread refuses synchronous compiles of this size: it gets the reference backend.
    if (wasmSimdSupported()) return createWasmBackend();
  } catch {
    // fall back below
  }
  return createReferenceBackend();
}
