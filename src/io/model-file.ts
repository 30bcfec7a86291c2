/** Saving and loading model files in Node: atomic writes (temporary file + rename), clear errors. */
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomically } from '../data/atomic-write.js';
import { heapTextLimit, readBoundedBytes } from '../data/bounded-read.js';
import { readError } from '../data/drain-stream.js';
import { DataFormatError } from '../errors/data-format-error.js';
import { checkAllocation, formatBytes, memoryBudget } from '../errors/limits.js';
import type { Backend } from '../backend/backend.js';
import type { Mlp } from '../nn/mlp.js';
import { BackpropError } from '../errors/backprop-error.js';
import { ResourceLimitError } from '../errors/resource-limit-error.js';
import { ModelFormatError } from './model-format-error.js';
import { modelFromJson, modelToJson } from './model-json.js';
import { writeProblem } from './write-error.js';

/**
 * Writes `model` to `path` as JSON; a crash mid-write never leaves a half-written file at `path`
 * (the text goes to `path.<hex>.tmp`, then is renamed). Temporary files of the same name that
 * an earlier, killed save left behind are removed.
 */
export async function saveModel(model: Mlp, path: string): Promise<void> {
  try {
    await writeFileAtomically(path, JSON.stringify(modelToJson(model), null, 1) + '\n');
  } catch (error) {
    throw new BackpropError(`cannot write model file ${path}: ${writeProblem(path, error)}`);
  }
}

/** Reads a model file; errors name the path and, for bad contents, the field. */
export async function loadModel(path: string, options: { backend?: Backend } = {}): Promise<Mlp> {
  let text: string;
  try {
    const bytes = await readBoundedBytes(path, { label: path, maxBytes: Math.min(memoryBudget(), heapTextLimit()) });
    refuseBinary(bytes, path);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof DataFormatError) throw new BackpropError(`cannot read model file ${error.message}`);
    if (error instanceof BackpropError) throw error;
    // The same words as loadModel's bounded read ("no such file", "permission denied", ...).
    throw new BackpropError(`cannot read model file ${readError(path, error as NodeJS.ErrnoException).message}`);
  }
  return parseModelFile(text, path, options);
}

/** Synchronous `loadModel`. */
export function loadModelSync(path: string, options: { backend?: Backend } = {}): Mlp {
  let text: string;
  try {
    const info = statSync(path);
    if (!info.isFile()) throw new BackpropError(`cannot read model file ${path}: ${info.isDirectory() ? 'is a directory, not a file' : 'not a regular file'}`);
    checkAllocation(`model file ${path} (${formatBytes(info.size)})`, info.size);
    const bytes = readFileSync(path);
    refuseBinary(bytes, path);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof BackpropError) throw error;
    // The same words as loadModel's bounded read ("no such file", "permission denied", ...).
    throw new BackpropError(`cannot read model file ${readError(path, error as NodeJS.ErrnoException).message}`);
  }
  return parseModelFile(text, path, options);
}

/**
 * A model file is JSON text: an ONNX file (a protobuf ModelProto starts with field 1, ir_version:
 * byte 0x08) or any other binary file gets one line saying what it is, not a JSON parser's
 * message quoting its control bytes.
 */
function refuseBinary(bytes: Uint8Array, path: string): void {
  const head = bytes.subarray(0, 64);
  if (!head.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return;
  if (head[0] === 0x08) throw new ModelFormatError('(file)', `is an ONNX file, not a backprop model file (JSON): convert it with "backprop import ${path}"`, path);
  throw new ModelFormatError('(file)', 'is binary, not a backprop model file (UTF-8 JSON text)', path);
}

function parseModelFile(text: string, path: string, options: { backend?: Backend }): Mlp {
  try {
    return modelFromJson(text, options);
  } catch (error) {
    // A JSON parser's message may quote control characters of the file: keep the line printable.
    if (error instanceof ModelFormatError && error.file === undefined) throw new ModelFormatError(error.field, error.problem.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), path);
    if (error instanceof ResourceLimitError) throw new ResourceLimitError(`${path}: ${error.message}`, { ...(error.requested === undefined ? {} : { requested: error.requested }), ...(error.limit === undefined ? {} : { limit: error.limit }) });
    throw error;
  }
}
