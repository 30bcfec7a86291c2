/**
 * The backend a model gets when none is given: the wasm backend (SIMD kernels, threads = cores)
 * where the engine has WebAssembly SIMD128, else the reference backend. `getDefaultBackend` makes
 * it synchronously, which a browser page's main thread refuses for a module of this size: there,
 * `await loadDefaultBackend()` once at start-up makes the default wasm too. Another backend can be
 * installed with `setDefaultBackend`.
 */
import type { Backend } from './backend.js';
import { checkBackendOption } from './backend-option.js';
import { UsageError } from '../errors/usage-error.js';
import { createReferenceBackend } from './reference.js';
import { createWasmBackend, loadWasmBackend, wasmSimdSupported } from './wasm.js';

let defaultBackend: Backend | undefined;
let chosen = false;

/** The backend used by models created without an explicit `backend` option. */
export function getDefaultBackend(): Backend {
  defaultBackend ??= createFastestBackend();
  return defaultBackend;
}

/**
 * Makes the default backend the fastest this thread can have, compiling asynchronously where it
 * must (a browser page's main thread), and resolves with it once its worker threads are up. A
 * backend given to `setDefaultBackend` is kept. Models created before keep the backend they got.
 */
export async function loadDefaultBackend(): Promise<Backend> {
  const backend = await fastestDefault();
  await backend.threadsReady?.();
  return backend;
}

async function fastestDefault(): Promise<Backend> {
  if (chosen || defaultBackend?.name === 'wasm') return defaultBackend!;
  defaultBackend = getDefaultBackend();
  if (defaultBackend.name !== 'wasm' && wasmSimdSupported()) {
    try {
      defaultBackend = await loadWasmBackend();
    } catch {
      // keep the reference backend
    }
  }
  return defaultBackend;
}

/** Replaces the default backend for models created from now on. */
export function setDefaultBackend(backend: Backend): void {
  checkBackendOption(backend, 'setDefaultBackend');
  if (backend === undefined) throw new UsageError('setDefaultBackend needs a Backend, such as createReferenceBackend() or await loadBackend(\'wasm\')');
  defaultBackend = backend;
  chosen = true;
}

function createFastestBackend(): Backend {
  try {
    if (wasmSimdSupported()) return createWasmBackend();
  } catch {
    // A browser page's main thread refuses synchronous compiles of this size (see loadDefaultBackend).
  }
  return createReferenceBackend();
}
