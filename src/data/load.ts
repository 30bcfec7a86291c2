/**
 * One entry point: `loadDataset(nameOrPath)` resolves a built-in name, a CSV file or a
 * directory of IDX / MNIST-CSV files, downloading on request.
 */
import { existsSync, statSync } from 'node:fs';
import { californiaHousing, fashionMnist, findImageFiles, mnist } from './builtin-files.js';
import { iris, or, workedExample, xor } from './builtin.js';
import type { CsvOptions } from './csv.js';
import type { Dataset } from './dataset.js';
import { readCsvFile, type CsvFileOptions } from './files.js';
import { missingPathReason, withCsvExtension } from './missing-path.js';
import { closestName } from '../errors/closest-name.js';

export { closestName } from '../errors/closest-name.js';
import type { RemoteDatasetName } from './remote.js';
import { UsageError } from '../errors/usage-error.js';
import { DataFormatError } from './errors.js';

/** A loaded data set: `test` is set when the source defines a test part (MNIST-style files), else undefined. */
export interface LoadedData {
  readonly train: Dataset;
  readonly test: Dataset | undefined;
}

/** Options of `loadDataset`. */
export interface LoadOptions {
  /** For california-housing: the census file; for mnist / fashion-mnist: the directory of files. */
  readonly path?: string;
  /** Cache root for downloads and cached copies (default ~/.cache/backprop). */
  readonly cacheDir?: string;
  /** Keep decompressed copies of large gzipped IDX files in `<cacheDir>/unpacked/` (mnist, fashion-mnist, IDX directories; see idx-cache.ts). */
  readonly cacheUnpacked?: boolean;
  /** Download into the cache when a downloadable data set is not found locally. */
  readonly download?: boolean;
  /** Mirror (or local test server) replacing the upstream download directory. */
  readonly baseUrl?: string;
  /** Seed and test fraction of the split of mnist's 10,000 shipped digits. */
  readonly seed?: number;
  readonly testFraction?: number;
  /** How to read a CSV path (target column, header, task, ...). */
  readonly csv?: CsvFileOptions;
}

/** The built-in data set names. */
export const DATASET_NAMES = ['xor', 'or', 'worked-example', 'iris', 'california-housing', 'mnist', 'fashion-mnist'] as const;

/** One built-in data set name. */
export type DatasetName = (typeof DATASET_NAMES)[number];

/** Loads a built-in data set by name, a .csv file, or a directory of IDX / MNIST CSV files. */
export async function loadDataset(nameOrPath: string, options: LoadOptions = {}): Promise<LoadedData> {
  const whole = (train: Dataset): LoadedData => ({ train, test: undefined });
  const cache = { ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }), ...(options.cacheUnpacked === true ? { cacheUnpacked: true } : {}) };
  switch (nameOrPath) {
    case 'xor':
      return whole(xor());
    case 'or':
      return whole(or());
    case 'worked-example':
      return whole(workedExample());
    case 'iris':
      return whole(iris());
    case 'california-housing':
      await downloadIfAsked('california-housing', options, () => californiaHousing({ ...cache, ...pathOption(options.path) }));
      return whole(await californiaHousing({ ...cache, ...pathOption(options.path) }));
    case 'mnist':
      if (options.download === true && options.path === undefined) await download('mnist', options);
      return mnist({ ...cache, ...dirOption(options.path), ...(options.seed === undefined ? {} : { seed: options.seed }), ...(options.testFraction === undefined ? {} : { testFraction: options.testFraction }) });
    case 'fashion-mnist':
      await downloadIfAsked('fashion-mnist', options, () => fashionMnist({ ...cache, ...dirOption(options.path) }));
      return fashionMnist({ ...cache, ...dirOption(options.path) });
  }
  if (existsSync(nameOrPath)) {
    if (statSync(nameOrPath).isDirectory()) {
      if (findImageFiles(nameOrPath) === undefined) throw new DataFormatError({ file: nameOrPath }, `a directory needs the four MNIST-style IDX files or mnist_train.csv and mnist_test.csv`);
      return mnist({ ...cache, dir: nameOrPath });
    }
    return whole(await readCsvFile(nameOrPath, options.csv ?? {}));
  }
  // '-' is stdin for predict only: a data set is a built-in name, a file or a directory.
  if (nameOrPath === '-') throw new UsageError('"-" (stdin) is not a data set here: train and evaluate read a file; save the input to a file first (e.g. > data.csv) and give its name');
  if (/[./\\]/.test(nameOrPath) || /^[a-z][a-z0-9+.-]*:/i.test(nameOrPath)) throw new DataFormatError({ file: nameOrPath }, missingPathReason(nameOrPath));
  const file = withCsvExtension(nameOrPath);
  const guess = file ?? closestName(nameOrPath, DATASET_NAMES);
  const hint = guess === undefined ? '' : ` Did you mean "${guess}"?`;
  throw new UsageError(`unknown data set "${nameOrPath}".${hint} Built-in: ${DATASET_NAMES.join(', ')}; or give a .csv file or a directory of IDX files.`);
}

async function downloadIfAsked(name: RemoteDatasetName, options: LoadOptions, load: () => Promise<unknown>): Promise<void> {
  if (options.download !== true || options.path !== undefined) return;
  const found = await load().then(
    () => true,
    () => false,
  );
  if (!found) await download(name, options);
}

/** Downloads a data set into the cache (the network code is imported only then). */
async function download(name: RemoteDatasetName, options: LoadOptions): Promise<void> {
  const { downloadDataset } = await import('./remote.js');
  await downloadDataset(name, downloadOptions(options));
}

function downloadOptions(options: LoadOptions): { cacheDir?: string; baseUrl?: string } {
  return { ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }), ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }) };
}

function pathOption(path: string | undefined): { path?: string } {
  return path === undefined ? {} : { path };
}

function dirOption(dir: string | undefined): { dir?: string } {
  return dir === undefined ? {} : { dir };
}
