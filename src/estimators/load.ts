/** Loading any model file as the high-level model of its task. */
import type { Backend } from '../backend/backend.js';
import { modelFromJson } from '../io/model-json.js';
import type { Mlp } from '../nn/mlp.js';
import { Classifier } from './classifier.js';
import { readMetadata } from './metadata.js';
import { Regressor } from './regressor.js';
import { checkLoadOptions } from './load-options.js';
import { inLibraryTerms } from './messages.js';

/** A loaded model: a Classifier or a Regressor, told apart by `task`. */
export type Model = Classifier | Regressor;

/** Options of loading a model file. */
export interface ModelLoadOptions {
  /** Backend of the loaded network (default: the default CPU backend). */
  readonly backend?: Backend | undefined;
  /** Receives predict's one-line warnings (an unseen category, once per column per call); default console.warn. */
  readonly warn?: ((message: string) => void) | undefined;
}

/**
 * Reads a model (parsed JSON, its text or its UTF-8 bytes; files of `backprop train --save`, the
 * playground, or an estimator's `toJSON`) as a Classifier or Regressor whose `predict` takes raw
 * rows and applies the file's preprocessing. Throws ModelFormatError naming the bad field.
 */
export function loadModelFromJSON(json: unknown, options: ModelLoadOptions = {}): Model {
  checkLoadOptions(options, 'loadModelFromJSON');
  return modelFromNetwork(inLibraryTerms(() => modelFromJson(json, options.backend === undefined ? {} : { backend: options.backend })), options);
}

/** The high-level model around a network whose metadata describes it. */
export function modelFromNetwork(network: Mlp, { warn }: ModelLoadOptions = {}): Model {
  const meta = readMetadata(network);
  const settings = warn === undefined ? {} : { warn };
  return meta.task === 'classification' ? Classifier.fromNetwork(network, meta, settings) : Regressor.fromNetwork(network, meta, settings);
}

