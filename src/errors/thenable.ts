/**
 * The check behind "await it first": plain JavaScript callers pass a Promise where its value
 * goes (a loadModel, loadWasmBackend or fetch without await), and each API names it as such.
 */

/** A Promise or any object with a then method (what `await` would wait for). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
