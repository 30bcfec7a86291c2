/**
 * The model file format as free functions. The format itself (fields, checks, base64) lives in
 * nn/model-json.ts, next to the Mlp that reads and writes it, so the arrow runs io → nn only.
 */
import type { Backend } from '../backend/backend.js';
import { Mlp } from '../nn/mlp.js';
import { checkMlpArgument } from '../nn/model-argument.js';
import { encodeModelJson, type ModelJson } from '../nn/model-json.js';

export { MODEL_FORMAT, MODEL_VERSION, type LayerJson, type ModelJson } from '../nn/model-json.js';

/** The model as plain JSON data (weights as base64 float32). */
export function modelToJson(model: Mlp): ModelJson {
  checkMlpArgument(model, 'modelToJson');
  return encodeModelJson(model);
}

/** Rebuilds a model from JSON data (parsed object or text). Throws ModelFormatError naming the bad field. */
export function modelFromJson(json: unknown, options: { backend?: Backend } = {}): Mlp {
  return Mlp.fromJSON(json, options);
}
