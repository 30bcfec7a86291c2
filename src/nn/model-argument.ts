/**
 * The model argument of the engine's functions (fit, train, fitAsync, trainAsync, evaluateAsync,
 * predictAsync, gradcheck, modelToJson) checked for plain JavaScript callers, who may pass a
 * Classifier (mixing the two APIs), a Promise (loadMlp without await) or an Mlp made by another
 * copy of backprop: one UsageError naming the call and what to pass, not "the model expects undefined".
 */
import { UsageError } from '../errors/usage-error.js';
import { isThenable } from '../errors/thenable.js';
import { Mlp } from './mlp.js';

/** Refuses `model` unless it is an Mlp of this module, saying what `call` takes instead. */
export function checkMlpArgument(model: unknown, call: string): asserts model is Mlp {
  if (model instanceof Mlp) return;
  const object = typeof model === 'object' && model !== null ? (model as Record<string, unknown>) : undefined;
  if (isThenable(model)) throw new UsageError(`${call}: the model is a Promise: await it first (await loadMlp(path))`);
  const kind = object?.constructor?.name;
  // An estimator (not imported here: the engine does not depend on it), told apart by its methods.
  if (object !== undefined && typeof object['partialFit'] === 'function' && (object['task'] === 'classification' || object['task'] === 'regression')) {
    const name = object['task'] === 'classification' ? 'Classifier' : 'Regressor';
    throw new UsageError(`${call} takes an Mlp, got a ${name}: pass model.network (the engine-level Mlp, whose inputs are prepared: model.preprocessing), or use the ${name}'s own fit, predict and score`);
  }
  if (kind === 'Mlp' && Array.isArray(object?.['layers'])) {
    throw new UsageError(`${call}: the model is an Mlp from another copy of backprop (two copies installed or bundled: npm ls backprop lists them): keep one copy, or rebuild it with this copy's Mlp.fromJSON(model.toJSON())`);
  }
  const keys = object === undefined ? [] : Object.keys(object);
  const got = object === undefined ? (typeof model === 'string' ? `the string ${JSON.stringify(model.slice(0, 40))}` : String(model)) : keys.length === 0 ? 'an empty object' : `an object with ${keys.slice(0, 5).join(', ')}`;
  throw new UsageError(`${call} takes an Mlp (Mlp.create({ sizes }), loadMlp(path) or Mlp.fromJSON(json)), got ${got}`);
}
