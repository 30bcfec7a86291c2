/**
 * Reading a model file for evaluate, predict and inspect: the network plus the preprocessing
 * and data description `backprop train` stored in its metadata (identity preprocessing for
 * models saved by other means).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { loadModel } from '../io/model-file.js';
import { identityPreprocessing, preprocessingFromJSON } from '../data/preprocessing.js';
import type { Preprocessing } from '../data/preprocessing.js';
import type { LossName } from '../math/losses.js';
import type { Mlp } from '../nn/mlp.js';
import { inferTask, storedLossOf } from '../train/evaluate.js';
import { ModelFormatError } from '../errors/model-format-error.js';
import { sourceFromMetadata, type ModelSource } from './model-checks.js';
import { checkPreprocessingFits } from '../io/preprocessing-checks.js';

/** A model file's contents as the CLI uses them. */
export interface ModelFile {
  readonly path: string;
  readonly model: Mlp;
  readonly preprocessing: Preprocessing;
  readonly loss: LossName;
  /** How it was trained: data argument, split, CSV target column, data path, the training file's identity (when train wrote them). */
  readonly source: ModelSource;
}

/**
 * Loads `path`; errors are one line naming the file. `swap`: the command and its data argument,
 * so a CSV given as the model while the data argument is a model file is called swapped arguments.
 */
export async function readModelFile(path: string, swap?: { readonly command: string; readonly data: string }): Promise<ModelFile> {
  let model: Mlp;
  try {
    model = await loadModel(path);
  } catch (error) {
    if (swap !== undefined && error instanceof ModelFormatError && error.problem.startsWith('is a CSV table') && looksLikeModelFile(swap.data)) {
      throw new ModelFormatError(error.field, `${error.problem}; the arguments look swapped, the model file comes first: backprop ${swap.command} ${swap.data} ${path}`, path);
    }
    throw error;
  }
  const meta = model.metadata;
  const loss = storedLossOf(model);
  let preprocessing: Preprocessing;
  if (meta['preprocessing'] === undefined) {
    preprocessing = identityPreprocessing(model, inferTask(model, loss));
  } else {
    try {
      preprocessing = preprocessingFromJSON(meta['preprocessing'], 'metadata.preprocessing');
    } catch (error) {
      if (error instanceof ModelFormatError) throw new ModelFormatError(error.field, error.problem, path);
      throw new ModelFormatError('metadata.preprocessing', `is not valid (${(error as Error).message})`, path);
    }
    checkPreprocessingFits(preprocessing, meta['preprocessing'], model, path);
  }
  const source = sourceFromMetadata(meta['source'], path);
  return { path, model, preprocessing, loss, source };
}

/** True if the file at `path` starts as a backprop model file (`{` then the "format" field). */
function looksLikeModelFile(path: string): boolean {
  try {
    const head = Buffer.alloc(256);
    const fd = openSync(path, 'r');
    const length = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    return /^\s*\{\s*"format"\s*:\s*"backprop-model"/.test(head.subarray(0, length).toString('utf8'));
  } catch {
    return false;
  }
}
