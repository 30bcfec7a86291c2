/**
 * The backend a model gets when none is given. Starts as the reference backend; a faster
 * backend can be installed once at start-up with `setDefaultBackend`.
 */
import type { Backend } from './backend.js';
import { createReferenceBackend } from './reference.js';

let defaultBackend: Backend | undefined;

/** The backend used by models created without an explicit `backend` option. */
export function getDefaultBackend(): Backend {
  defaultBackend ??= createReferenceBackend();
  return defaultBackend;
}

/** Replaces the default backend for models created from now on. */
export function setDefaultBackend(backend: Backend): void {
  defaultBackend = backend;
}
