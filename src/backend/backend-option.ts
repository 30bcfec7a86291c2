/** The check of a `backend` argument (Mlp.create, fromJSON, loadModel, setDefaultBackend) for plain JavaScript callers. */
import { UsageError } from '../errors/usage-error.js';
import { isThenable } from '../errors/thenable.js';

/** Refuses a `backend` that is not a Backend (a name, a Promise of one, anything else), naming `where` and how to load one. */
export function checkBackendOption(backend: unknown, where: string): void {
  if (backend === undefined) return;
  if (typeof backend === 'object' && backend !== null && typeof (backend as { name?: unknown }).name === 'string') return;
  const got = typeof backend === 'string' ? `the string ${JSON.stringify(backend)} (load it first: backend: await loadBackend(${JSON.stringify(backend)}))` : backend === null ? 'null' : isThenable(backend) ? 'a Promise (await it first)' : typeof backend;
  throw new UsageError(`${where}: backend must be a Backend such as createReferenceBackend() or await loadBackend('wasm'), got ${got}`);
}
