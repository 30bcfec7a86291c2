/**
 * The model file format, version 1 (JSON):
 *
 * {
 *   "format": "backprop-model", "version": 1,
 *   "layers": [ { "inputSize": 4, "units": 100, "activation": "relu", "alpha": 0.01,
 *                 "weights": "<base64 float32 LE, inputSize*units values, row-major W[i][j]>",
 *                 "bias": "<base64 float32 LE, units values>" | null }, ... ],
 *   "metadata": { ...free-form: loss, task, classNames, featureNames, preprocessing, dataset... }
 * }
 *
 * Loading checks every field and shape and throws ModelFormatError naming the field.
 * This file knows the format, not the Mlp class: `Mlp.toJSON` / `Mlp.fromJSON` call it, and
 * io/model-json.ts offers the same as free functions (so nothing in nn imports io).
 */
import { isActivationName } from '../math/activations.js';
import { decodeFloat32, encodeFloat32 } from './base64.js';
import type { Dense, DenseConfig } from './dense.js';
import { ModelFormatError } from './model-format-error.js';
import { isThenable } from '../errors/thenable.js';
import { MAX_JSON_DEPTH, firstTooDeep, valueDepth } from './json-depth.js';

export const MODEL_FORMAT = 'backprop-model';
export const MODEL_VERSION = 1;

/** One layer as stored in a model file. */
export interface LayerJson {
  readonly inputSize: number;
  readonly units: number;
  readonly activation: string;
  readonly alpha: number;
  readonly weights: string;
  readonly bias: string | null;
}

/** A whole model file. */
export interface ModelJson {
  readonly format: typeof MODEL_FORMAT;
  readonly version: number;
  readonly layers: LayerJson[];
  readonly metadata: Record<string, unknown>;
}

/** What a model file encodes: the layers (W is inputSize x units, b is 1 x units) and free-form metadata. */
export interface EncodableModel {
  readonly layers: readonly Dense[];
  readonly metadata: Record<string, unknown>;
}

/** A model file checked and decoded: one config, weight array (inputSize*units, row-major) and bias (units or null) per layer. */
export interface DecodedModel {
  readonly configs: DenseConfig[];
  readonly weights: Float32Array[];
  readonly biases: (Float32Array | null)[];
  readonly metadata: Record<string, unknown>;
}

/** The model as plain JSON data (weights as base64 float32). */
export function encodeModelJson(model: EncodableModel): ModelJson {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    layers: model.layers.map((l) => ({
      inputSize: l.inputSize,
      units: l.units,
      activation: l.activation,
      alpha: l.alpha,
      weights: encodeFloat32(l.W.data),
      bias: l.b === null ? null : encodeFloat32(l.b.data),
    })),
    metadata: model.metadata,
  };
}

/**
 * Checks and decodes model JSON (parsed object, text, or its UTF-8 bytes). Throws ModelFormatError naming the bad field.
 * `beforeWeights` sees the layer shapes before any weight is decoded (e.g. to refuse a network too
 * large for the memory budget before allocating it).
 */
export function decodeModelJson(json: unknown, { beforeWeights }: { beforeWeights?: (configs: readonly DenseConfig[]) => void } = {}): DecodedModel {
  const data = typeof json === 'string' ? parseText(json) : isBytes(json) ? parseText(utf8Text(json)) : json;
  if (isThenable(data)) throw new ModelFormatError('(top level)', 'is a Promise, not the model: await it first (e.g. await response.json())');
  if (typeof Response !== 'undefined' && data instanceof Response) throw new ModelFormatError('(top level)', 'is a fetch Response: pass await response.text() or await response.json()');
  if (!isObject(data)) throw new ModelFormatError('(top level)', 'must be a JSON object');
  if (typeof json !== 'string' && !isBytes(json) && valueDepth(data) > MAX_JSON_DEPTH) throw new ModelFormatError('(top level)', `nests more than ${MAX_JSON_DEPTH} levels deep`);
  if (data.format !== MODEL_FORMAT) {
    const foreign = foreignFormat(data as unknown as Record<string, unknown>);
    throw new ModelFormatError('format', `must be "${MODEL_FORMAT}", got ${JSON.stringify(data.format)}${foreign === undefined ? '' : `: this looks like ${foreign[0]}, not a backprop model file${foreign[1]}`}`);
  }
  if (data.version !== MODEL_VERSION) {
    throw new ModelFormatError('version', `${JSON.stringify(data.version)} is not supported (this backprop reads version ${MODEL_VERSION})`);
  }
  if (!Array.isArray(data.layers) || data.layers.length === 0) throw new ModelFormatError('layers', 'must be a non-empty array');
  const layers = data.layers as unknown[];
  const configs = layers.map((layer, i) => layerConfig(layer, i, i === 0 ? undefined : (layers[i - 1] as { units?: unknown }).units));
  beforeWeights?.(configs);
  const weights: Float32Array[] = [];
  const biases: (Float32Array | null)[] = [];
  layers.forEach((layer, i) => {
    const l = layer as Record<string, unknown>;
    const { inputSize, units, useBias } = configs[i]!;
    weights.push(floats(l.weights, `layers[${i}].weights`, inputSize * units));
    biases.push(useBias ? floats(l.bias, `layers[${i}].bias`, units) : null);
  });
  if (data.metadata !== undefined && !isObject(data.metadata)) throw new ModelFormatError('metadata', 'must be an object');
  return { configs, weights, biases, metadata: isObject(data.metadata) ? data.metadata : {} };
}

/** The file's bytes as read without an encoding (a Buffer from readFileSync, fetch's arrayBuffer()). */
function isBytes(json: unknown): json is ArrayBuffer | Uint8Array {
  return json instanceof ArrayBuffer || json instanceof Uint8Array;
}

function utf8Text(bytes: ArrayBuffer | Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ModelFormatError('(text)', 'is not UTF-8 text: a model file is JSON');
  }
}

function parseText(raw: string): unknown {
  // A UTF-8 byte order mark (as some editors write) is not part of the JSON.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const deep = firstTooDeep(text);
  if (deep >= 0) throw new ModelFormatError('(text)', `nests more than ${MAX_JSON_DEPTH} arrays/objects deep (at character ${deep}); a model file never does`);
  try {
    return JSON.parse(text);
  } catch (error) {
    const start = text.trimStart();
    // Text that does not even open like JSON is another kind of file, not a cut-off model: a CSV
    // table (a first line with a delimiter: a swapped `predict DATA MODEL`, `inspect data.csv`) is named as one.
    if (!/^[{["]/.test(start)) {
      const firstLine = start.slice(0, 4096).split(/\r?\n|\r/, 1)[0]!;
      if (/[,;\t|]/.test(firstLine)) throw new ModelFormatError('(file)', 'is a CSV table, not a backprop model file (JSON): a model file is what `backprop train DATA --save model.json` writes');
      throw new ModelFormatError('(text)', `is not JSON (it starts ${JSON.stringify(start.slice(0, 20))}): a model file is the JSON that backprop train --save or backprop import writes`);
    }
    throw new ModelFormatError('(text)', `is not valid JSON (${(error as Error).message}); the file may be truncated`);
  }
}

function layerConfig(layer: unknown, i: number, previousUnits: unknown): DenseConfig {
  const at = `layers[${i}]`;
  if (!isObject(layer)) throw new ModelFormatError(at, 'must be an object');
  const { inputSize, units, activation, alpha, bias } = layer;
  if (!isPositiveInteger(inputSize)) throw new ModelFormatError(`${at}.inputSize`, `must be a positive integer, got ${JSON.stringify(inputSize)}`);
  if (!isPositiveInteger(units)) throw new ModelFormatError(`${at}.units`, `must be a positive integer, got ${JSON.stringify(units)}`);
  if (previousUnits !== undefined && inputSize !== previousUnits) {
    throw new ModelFormatError(`${at}.inputSize`, `is ${inputSize} but layers[${i - 1}] has ${String(previousUnits)} units`);
  }
  if (typeof activation !== 'string' || !isActivationName(activation)) {
    throw new ModelFormatError(`${at}.activation`, `is not a known activation: ${JSON.stringify(activation)}`);
  }
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) throw new ModelFormatError(`${at}.alpha`, 'must be a finite number');
  if (bias !== null && typeof bias !== 'string') throw new ModelFormatError(`${at}.bias`, 'must be base64 text or null');
  return { inputSize, units, activation, alpha, useBias: bias !== null };
}

function floats(value: unknown, field: string, expected: number): Float32Array {
  if (typeof value !== 'string') throw new ModelFormatError(field, 'must be base64 text');
  let decoded: Float32Array;
  try {
    decoded = decodeFloat32(value);
  } catch (error) {
    throw new ModelFormatError(field, (error as Error).message);
  }
  if (decoded.length !== expected) throw new ModelFormatError(field, `holds ${decoded.length} values, expected ${expected}`);
  if (decoded.some((v) => !Number.isFinite(v))) throw new ModelFormatError(field, 'contains NaN or infinite values');
  return decoded;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** What another tool's model JSON looks like, by its telltale fields, and what to do (for the message when a file is not ours). */
function foreignFormat(data: Record<string, unknown>): readonly [what: string, hint: string] | undefined {
  const viaOnnx = '; backprop import reads ONNX files';
  if ('modelTopology' in data || 'weightsManifest' in data) return ['a TensorFlow.js model.json', `${viaOnnx} (tf2onnx converts TensorFlow models)`];
  if ('keras_version' in data || ('class_name' in data && 'config' in data)) return ['a Keras model', `${viaOnnx} (tf2onnx converts Keras models)`];
  if ('sizes' in data && 'layers' in data && ('trainOpts' in data || data['type'] === 'NeuralNetwork')) return ['a brain.js network', ''];
  if ('graph' in data && 'opsetImport' in data) return ['an ONNX model written as JSON', '; backprop import reads the binary .onnx file'];
  return undefined;
}
