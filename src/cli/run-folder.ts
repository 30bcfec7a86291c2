/**
 * The run folder a training leaves behind (`--out DIR`, default `runs/<timestamp>-<dataset>/`):
 * model.json, history.csv, metrics.json and the pictures of `pictures.ts`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveModel } from '../io/model-file.js';
import type { Mlp } from '../nn/mlp.js';
import type { EpochEvent } from '../train/train.js';

/** The columns of history.csv, in order (a column is left out when no epoch has it). */
export const HISTORY_COLUMNS = [
  'epoch',
  'loss',
  'accuracy',
  'mae',
  'validationLoss',
  'validationAccuracy',
  'validationMae',
  'learningRate',
  'epochSeconds',
  'elapsed',
  'samplesPerSecond',
] as const;

/** A folder name for a run started now: `runs/2025-01-31T12-00-00-iris` (a suffix -2, -3 ... if taken). */
export function defaultRunFolder(dataset: string, root = 'runs', now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  const base = join(root, `${stamp}-${dataset.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
  let folder = base;
  for (let i = 2; existsSync(folder); i++) folder = `${base}-${i}`;
  return folder;
}

/** Creates the folder (and its parents), failing with one line if it cannot. */
export function makeFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new Error(`cannot create run folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** The epoch events as CSV text with a header row. */
export function historyCsv(history: readonly EpochEvent[]): string {
  const columns = HISTORY_COLUMNS.filter((c) => history.some((e) => e[c] !== undefined));
  const lines = [columns.join(',')];
  for (const e of history) lines.push(columns.map((c) => (e[c] === undefined ? '' : String(e[c]))).join(','));
  return lines.join('\n') + '\n';
}

/** Writes one file of the run folder, failing with one line naming it. */
export function writeRunFile(folder: string, name: string, contents: string | Uint8Array): string {
  const path = join(folder, name);
  try {
    writeFileSync(path, contents);
  } catch (error) {
    throw new Error(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return path;
}

/** Writes model.json, history.csv and metrics.json; returns the file names written. */
export async function writeRunFiles(folder: string, model: Mlp, history: readonly EpochEvent[], metrics: unknown): Promise<string[]> {
  makeFolder(folder);
  await saveModel(model, join(folder, 'model.json'));
  writeRunFile(folder, 'history.csv', historyCsv(history));
  writeRunFile(folder, 'metrics.json', JSON.stringify(metrics, null, 2) + '\n');
  return ['model.json', 'history.csv', 'metrics.json'];
}
