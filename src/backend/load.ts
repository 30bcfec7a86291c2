/**
 * Backends by name, for options that take a string (`backend: 'webgpu'`, `--backend webgpu`).
 * Asynchronous because the WebGPU backend must acquire a device; the others resolve at once.
 */
import { UsageError } from '../errors/usage-error.js';
import type { Backend } from './backend.js';
import { loadDefaultBackend } from './default.js';
import { createReferenceBackend } from './reference.js';
import { loadWasmBackend } from './wasm.js';

/** The names `loadBackend` accepts. */
export const BACKEND_NAMES = ['default', 'reference', 'wasm', 'webgpu'] as const;

/** One backend name: 'default' (fastest CPU backend), 'reference', 'wasm' or 'webgpu'. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/**
 * The backend called `name`. 'webgpu' makes a new GPU device each call (keep the backend and
 * reuse it) and rejects with WebGpuUnavailableError saying why when there is none.
 */
export async function loadBackend(name: BackendName): Promise<Backend> {
  switch (name) {
    case 'default':
      return loadDefaultBackend();
    case 'reference':
      return createReferenceBackend();
    case 'wasm':
      return loadWasmBackend();
    case 'webgpu': {
      const { createWebGpuBackend } = await import('./webgpu/webgpu-backend.js');
      return createWebGpuBackend();
    }
    default:
      throw new UsageError(`unknown backend "${String(name)}" (expected one of ${BACKEND_NAMES.join(', ')})`);
  }
}
