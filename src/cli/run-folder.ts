/**
 * The run folder a training leaves behind (`--out DIR`, default `runs/<timestamp>-<dataset>/`):
 * model.json, history.csv, metrics.json and the pictures of `pictures.ts`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FolderCreationError, makeFolderSync } from '../data/make-folder.js';
import { BackpropError } from '../errors/backprop-error.js';
import { cutList } from '../errors/limits.js';
import { unexpandedTilde } from '../data/missing-path.js';
import { saveModel } from '../io/model-file.js';
import { writeProblem } from '../io/write-error.js';
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

/** Creates the folder (and its parents), failing with one line (naming `label`, default the folder) if it cannot. */
export function makeFolder(folder: string, label = folder): void {
  try {
    makeFolderSync(folder);
  } catch (error) {
    if (error instanceof FolderCreationError) throw new BackpropError(`cannot create run folder ${label}: ${error.reason}`);
    throw error;
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
    throw new BackpropError(`cannot write ${path}: ${writeProblem(path, error)}`);
  }
  return path;
}

/** Writes model.json, history.csv and metrics.json; returns the file names written. */
export async function writeRunFiles(folder: string, model: Mlp, history: readonly EpochEvent[], metrics: unknown): Promise<string[]> {
  await saveModel(model, join(folder, 'model.json'));
  writeRunFile(folder, 'history.csv', historyCsv(history));
  writeRunFile(folder, 'metrics.json', JSON.stringify(metrics, null, 2) + '\n');
  return ['model.json', 'history.csv', 'metrics.json'];
}

/**
 * Makes the folder a run is written to before it is complete: `.NAME.partial-<8 hex>` beside
 * `folder`, new for every run (so a run never picks up what an interrupted one left), its parents
 * created. Fails with one line naming `folder`.
 */
export function makeStagingFolder(folder: string): string {
  // `--out "~/runs/x"`: mkdir -p would make a folder named "~" here (and `rm -rf ~` later is a trap).
  const tilde = /^(~[^/\\]*)[/\\]/.exec(folder)?.[1] ?? (/^~[^/\\]*$/.test(folder) ? folder : undefined);
  if (tilde !== undefined && !existsSync(tilde)) throw new BackpropError(`cannot create run folder ${folder}: that would make a folder named "${tilde}" here${unexpandedTilde(tilde)}`);
  makeFolder(dirname(folder), folder);
  // A file where the run folder goes: said now, before training, not when the finished run is moved.
  let existing;
  try {
    existing = statSync(folder, { throwIfNoEntry: false });
  } catch (error) {
    throw new BackpropError(`cannot create run folder ${folder}: ${writeProblem(folder, error)}`); // a loop of symbolic links
  }
  if (existing?.isDirectory() === false) throw new BackpropError(`cannot create run folder ${folder}: it is a file, not a folder`);
  // mkdirSync, not mkdtempSync: a temporary folder is private (0700), and renamed into place it made
  // the run folder unreadable to the group and others, unlike any folder `mkdir` makes (the umask).
  for (;;) {
    const staging = join(dirname(folder), `.${basename(folder)}.partial-${randomBytes(4).toString('hex')}`);
    try {
      mkdirSync(staging);
      return staging;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new BackpropError(`cannot create run folder ${folder}: ${writeProblem(folder, error)}`);
    }
  }
}

/** Where the files of a run whose folder could not be completed are kept: `NAME.incomplete` (then -2, -3 ... if taken). */
export function incompleteFolder(folder: string): string {
  const base = `${folder.replace(/[\\/]+$/, '')}.incomplete`;
  let name = base;
  for (let i = 2; existsSync(name); i++) name = `${base}-${i}`;
  return name;
}

/** One step of filling a run folder: what it writes (for messages) and the writer, which returns the file names. */
export interface RunFolderStage {
  readonly what: string;
  readonly write: (dir: string) => Promise<string[]>;
}

/**
 * Runs the stages in `staging`, then moves the result to `folder` (a rename, or file by file when
 * `folder` exists already). So `folder` only ever holds complete runs: when a stage fails, what
 * was written is moved to `NAME.incomplete` instead (nothing is lost) and the error says what it
 * holds and what is missing.
 */
export async function completeRunFolder(folder: string, staging: string, stages: readonly RunFolderStage[]): Promise<string[]> {
  const written: string[] = [];
  let failure: { stage: number; error: unknown } | undefined;
  for (let s = 0; s < stages.length && failure === undefined; s++) {
    try {
      for (const name of await stages[s]!.write(staging)) written.push(name);
    } catch (error) {
      failure = { stage: s, error };
    }
  }
  if (failure === undefined) {
    moveInto(staging, folder);
    return written;
  }
  // A file system's error in words ("no space left on the device"), not "ENOSPC: no space left on device, write".
  const errno = (failure.error as NodeJS.ErrnoException | undefined)?.code !== undefined;
  const reason = errno ? writeProblem(join(staging, 'file'), failure.error) : failure.error instanceof Error ? failure.error.message : String(failure.error);
  const missing = stages.slice(failure.stage).map((s) => s.what).join(', ');
  const what = stages[failure.stage]!.what;
  if (written.length === 0) {
    rmSync(staging, { recursive: true, force: true }); // our own new folder: at most a half-written file
    throw new BackpropError(`run folder ${folder} not written: writing the ${what} failed (${reason})`);
  }
  const kept = incompleteFolder(folder);
  moveInto(staging, kept);
  throw new BackpropError(`run folder ${folder} not complete: writing the ${what} failed (${reason}); ${kept} holds ${cutList(written)}; missing: ${missing}`);
}

/** Removes an unused staging folder (only when empty: never anything written). */
export function abandonStaging(staging: string): void {
  try {
    rmdirSync(staging);
  } catch {
    // not empty or already gone: leave it
  }
}

function moveInto(staging: string, folder: string): void {
  try {
    if (!existsSync(folder)) {
      renameSync(staging, folder);
      return;
    }
    for (const name of readdirSync(staging)) renameSync(join(staging, name), join(folder, name));
    rmdirSync(staging);
  } catch (error) {
    throw new BackpropError(`cannot move the finished run from ${staging} to ${folder}: ${writeProblem(folder, error)}`);
  }
}
