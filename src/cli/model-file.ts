/**
 * Reading a model file for evaluate, predict and inspect: the network plus the preprocessing
 * and data description `backprop train` stored in its metadata (identity preprocessing for
 * models saved by other means).
 */
import { loadModel } from '../io/model-file.js';
import { identityPreprocessing, preprocessingFromJSON } from '../data/preprocessing.js';
import type { Preprocessing } from '../data/preprocessing.js';
import type { LossName } from '../math/losses.js';
import type { Mlp } from '../nn/mlp.js';
import { inferTask, storedLossOf } from '../train/evaluate.js';
import { ModelFormatError } from '../errors/model-format-error.js';
import { UsageError } from '../errors/usage-error.js';
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

/** Loads `path`; errors are one line naming the file. */
export async function readModelFile(path: string): Promise<ModelFile> {
  const model = await loadModel(path);
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

/**
 * `predict data.csv model.json` (the arguments swapped) as one line saying the model comes
 * first, judged by the names alone before anything is read: a table file (.csv, .tsv, .txt)
 * where the model goes and a .json where the data goes.
 */
export function checkModelFirst(command: string, model: string, data: string): void {
  if (/\.(csv|tsv|txt)(\.gz)?$/i.test(model) && /\.json$/i.test(data)) {
    throw new UsageError(`${command} takes the model first: backprop ${command} ${data} ${model} (got the table ${model} where the model file goes)`);
  }
}
