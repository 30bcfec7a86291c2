/** Model files on disk for the high-level models (Node only). */
import type { Backend } from '../backend/backend.js';
import { loadModel as loadNetwork, loadModelSync as loadNetworkSync, saveModel as saveNetwork } from '../io/model-file.js';
import { ModelFormatError } from '../errors/model-format-error.js';
import { UsageError } from '../errors/usage-error.js';
import { Mlp } from '../nn/mlp.js';
import { modelFromNetwork, type ModelLoadOptions, type Model } from './load.js';

/**
 * Reads a model file (from `backprop train --save`, the playground, or `saveModel`) as a
 * Classifier or Regressor whose `predict` takes raw rows and applies the file's preprocessing.
 * Errors name the path and, for bad contents, the field.
 */
export async function loadModel(path: string, options: ModelLoadOptions = {}): Promise<Model> {
  return withPath(path, (network) => modelFromNetwork(network, options), await loadNetwork(path, backendOf(options)));
}

/** Synchronous `loadModel`. */
export function loadModelSync(path: string, options: ModelLoadOptions = {}): Model {
  return withPath(path, (network) => modelFromNetwork(network, options), loadNetworkSync(path, backendOf(options)));
}

function backendOf({ backend }: ModelLoadOptions): { backend?: Backend } {
  return backend === undefined ? {} : { backend };
}

/**
 * Writes a Classifier, a Regressor or an Mlp to `path` in the model file format (atomically:
 * a crash mid-write never leaves a half-written file).
 */
export async function saveModel(model: Model | Mlp, path: string): Promise<void> {
  await saveNetwork(model instanceof Mlp ? model : model.network, path);
}

function withPath<T>(path: string, read: (network: Mlp) => T, network: Mlp): T {
  try {
    return read(network);
  } catch (error) {
    if (error instanceof TypeError) throw new TypeError(`${path}: ${error.message}`);
    if (error instanceof UsageError) throw new UsageError(`${path}: ${error.message}`);
    if (error instanceof ModelFormatError && error.file === undefined) throw new ModelFormatError(error.field, error.problem, path);
    throw error;
  }
}
