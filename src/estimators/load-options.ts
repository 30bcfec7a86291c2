/** The options of loading a model file (fromJSON, loadModelFromJSON, loadModel), checked for plain JavaScript callers. */
import { unknownNameMessage } from '../errors/closest-name.js';
import { UsageError } from '../errors/usage-error.js';
import { checkBackendOption } from '../backend/backend-option.js';

/** Load options with only the names `backend` (a Backend, not a name) and `warn` (a function; a misspelt name would be ignored), else a UsageError naming the call. */
export function checkLoadOptions(options: unknown, call: string): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new UsageError(`${call}: the options must be an object such as { warn }, got ${options === null ? 'null' : typeof options}`);
  const names = ['backend', 'warn'];
  for (const name of Object.keys(options)) if (!names.includes(name)) throw new UsageError(`${call}: ${unknownNameMessage('option', name, names)}`);
  const { warn, backend } = options as { warn?: unknown; backend?: unknown };
  checkBackendOption(backend, call);
  if (warn !== undefined && typeof warn !== 'function') throw new UsageError(`${call}: warn must be a function receiving one-line warnings, got ${warn === null ? 'null' : typeof warn}`);
}
