/** Loading any model file as the high-level model of its task. */
import type { Backend } from '../backend/backend.js';
import { modelFromJson } from '../io/model-json.js';
import type { Mlp } from '../nn/mlp.js';
import { Classifier } from './classifier.js';
import { readMetadata } from './metadata.js';
import { Regressor } from './regressor.js';

/** A loaded model: a Classifier or a Regressor, told apart by `task`. */
export type Model = Classifier | Regressor;

/**
 * Reads a model (parsed JSON or its text; files of `backprop train --save`, the playground, or
 * an estimator's `toJSON`) as a Classifier or Regressor whose `predict` takes raw rows and
 * applies the file's preprocessing. Throws ModelFormatError or TypeError naming the bad field.
 */
export function loadModelFromJSON(json: unknown, options: { backend?: Backend } = {}): Model {
  return modelFromNetwork(modelFromJson(json, options));
}

/** The high-level model around a network whose metadata describes it. */
export function modelFromNetwork(network: Mlp): Model {
  const meta = readMetadata(network);
  return meta.task === 'classification' ? Classifier.fromNetwork(network, meta) : Regressor.fromNetwork(network, meta);
}
