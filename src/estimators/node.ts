/** Model files on disk for the high-level models (Node only). */
import { fileURLToPath } from 'node:url';
import type { Backend } from '../backend/backend.js';
import { loadModel as loadNetwork, loadModelSync as loadNetworkSync, saveModel as saveNetwork } from '../io/model-file.js';
import { ModelFormatError } from '../errors/model-format-error.js';
import { UsageError } from '../errors/usage-error.js';
import { Mlp } from '../nn/mlp.js';
import { Estimator } from './estimator.js';
import { modelFromNetwork, type ModelLoadOptions, type Model } from './load.js';
import { checkLoadOptions } from './load-options.js';
import { inLibraryTerms, libraryTerms } from './messages.js';
import { BackpropError } from '../errors/backprop-error.js';
import { refuseOtherFormatName } from '../io/model-file-name.js';

/**
 * Reads a model file (from `backprop train --save`, the playground, or `saveModel`) as a
 * Classifier or Regressor whose `predict` takes raw rows and applies the file's preprocessing.
 * Errors name the path and, for bad contents, the field.
 */
export async function loadModel(path: string | URL, options: ModelLoadOptions = {}): Promise<Model> {
  const file = fileName(path, 'loadModel');
  checkLoadOptions(options, 'loadModel');
  let network: Mlp;
  try {
    network = await loadNetwork(file, backendOf(options));
  } catch (error) {
    if (error instanceof BackpropError) error.message = libraryTerms(error.message); // a network too large: setMemoryBudget, not --max-memory
    throw error;
  }
  return withPath(file, (loaded) => modelFromNetwork(loaded, options), network);
}

/** Synchronous `loadModel`. */
export function loadModelSync(path: string | URL, options: ModelLoadOptions = {}): Model {
  const file = fileName(path, 'loadModelSync');
  checkLoadOptions(options, 'loadModelSync');
  return withPath(file, (network) => modelFromNetwork(network, options), inLibraryTerms(() => loadNetworkSync(file, backendOf(options))));
}

function backendOf({ backend }: ModelLoadOptions): { backend?: Backend } {
  return backend === undefined ? {} : { backend };
}

/**
 * Writes a Classifier, a Regressor or an Mlp to `path` in the model file format (atomically:
 * a crash mid-write never leaves a half-written file).
 */
export async function saveModel(model: Model | Mlp, path: string | URL): Promise<void> {
  if (!(model instanceof Mlp || model instanceof Estimator)) throw new UsageError(`saveModel takes a Classifier, a Regressor or an Mlp, then the path, got ${describe(model)} first`);
  const file = fileName(path, 'saveModel');
  refuseOtherFormatName(file, `saveModel: ${file}`, (json, format) => (format === 'onnx' ? `for ONNX, exportOnnx(model) gives the file's bytes` : `for a predict module, run backprop export ${json} -o ${file} on the saved model`));
  await saveNetwork(model instanceof Mlp ? model : model.network, file);
}

/** The file name of a path as the fs functions take it (a string, or a file: URL as `new URL('m.json', import.meta.url)` makes), else a UsageError naming the call. */
function fileName(path: unknown, call: string): string {
  if (typeof path === 'string' && path !== '') return path;
  if (path instanceof URL && path.protocol === 'file:') return fileURLToPath(path);
  throw new UsageError(`${call}: the path must be a file name (a string such as 'model.json'), got ${path === '' ? 'an empty string' : describe(path)}`);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `${value.constructor === Object ? 'a plain object' : `a ${value.constructor?.name ?? 'object'}`}`;
  return `${typeof value} ${JSON.stringify(value) ?? String(value)}`;
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
