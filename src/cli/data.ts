/**
 * The CLI's adapter over the data module: load a data set by name or path, split it into a
 * train and a test part, and fit preprocessing with sensible defaults per kind of data.
 */
import type { EncodingFallback, TextEncodingName } from '../data/text-encoding.js';
import { isImageSet, sampleCount, splitDataset } from '../data/dataset.js';
import type { Dataset, OneHotValues } from '../data/dataset.js';
import { loadDataset } from '../data/load.js';
import type { LoadOptions } from '../data/load.js';
import { fitPreprocessing } from '../data/preprocessing.js';
import type { Preprocessing } from '../data/preprocessing.js';
import type { TransformSpec } from '../data/transforms.js';
import type { DecimalMark } from '../data/cells.js';
import type { ColumnRef } from '../data/columns.js';
import type { UnknownCategoryRule } from '../data/encoding.js';
import type { MissingPolicy } from '../data/table-builder.js';
import { UsageError } from './errors.js';
import { DataFormatError } from '../errors/data-format-error.js';

/** Where data comes from and how to read it. */
export interface DataOptions {
  /** A built-in name (iris, mnist, ...), a .csv file, or a directory of IDX files. */
  readonly dataset: string;
  /** CSV target column: a header name or a 0-based index (default: the column named label/target/class/y, else the last). */
  readonly target?: string | number;
  /** Census file (california-housing) or directory of image files (mnist, fashion-mnist). */
  readonly dataPath?: string;
  /** Download a missing data set into the cache. */
  readonly download?: boolean;
  /** Seed of the split (and of mnist's shipped-digits split). */
  readonly seed?: number;
  /** Fraction held out as the test part when the source has no test part of its own (0 = none). */
  readonly testSplit?: number;
  /** CSV: the task, or 'auto' (default; see inferTargetTask). */
  readonly task?: 'auto' | 'classification' | 'regression';
  /** CSV: only these input columns / not these (names or 0-based indices). */
  readonly features?: readonly ColumnRef[];
  readonly ignore?: readonly ColumnRef[];
  /** CSV: numeric-looking columns read as categories. */
  readonly categorical?: readonly ColumnRef[];
  /** CSV: missing input cells (default error). */
  readonly missing?: MissingPolicy;
  /** CSV: drop rows whose target cell is missing, with a note (default: with mean, median or most-frequent). */
  readonly dropMissingTargets?: boolean;
  /** CSV: categories unseen in training at predict time (default ignore: all-zero block and a warning). */
  readonly unknownCategory?: UnknownCategoryRule;
  /** CSV: field separator (default: detected) and decimal mark (default '.'; with ';' the one the cells use). */
  readonly delimiter?: string;
  readonly decimal?: DecimalMark;
  /** CSV: more missing markers, whether pandas' default ones count (default yes), and a thousands separator. */
  readonly naValues?: readonly string[];
  readonly keepDefaultNa?: boolean;
  readonly thousands?: string;
  /** CSV: comment marker (default none), whether the first row is a header (default guessed), text encoding (default utf-8). */
  readonly comment?: string;
  /** CSV: lines skipped at the start, before the header (default 0). */
  readonly skipRows?: number;
  readonly header?: boolean;
  readonly encoding?: TextEncodingName;
  /** CSV read as UTF-8: the one-byte encoding to read it in if its bytes turn out not to be UTF-8 (see trainingEncodingFallback). */
  readonly fallbackEncoding?: EncodingFallback;
  /** Receives one-line notes while loading (ambiguous delimiter, dropped rows). */
  readonly onNote?: (line: string) => void;
  /** Receives the progress of reading a plain CSV file: bytes read, and the file's size. */
  readonly onReadProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** The options that say how a CSV file is split and decoded (stored in the model, so evaluate reads it again the same way). */
const READING_OPTIONS = ['delimiter', 'decimal', 'naValues', 'keepDefaultNa', 'thousands', 'comment', 'skipRows', 'header', 'encoding'] as const;

/** How a CSV file is split and decoded: the reading options that are set (none of the undefined ones). */
export type CsvReading = Pick<DataOptions, (typeof READING_OPTIONS)[number]>;

/** The reading options of `options` that are set (the others, undefined or absent, left out). */
export function csvReading(options: { readonly [K in keyof CsvReading]?: CsvReading[K] | undefined }): CsvReading {
  const set: Record<string, unknown> = {};
  for (const key of READING_OPTIONS) if (options[key] !== undefined) set[key] = options[key];
  return set as CsvReading;
}

/** The flags that only mean something for a CSV file. */
const CSV_FLAGS = ['features', 'ignore', 'categorical', 'missing', 'delimiter', 'decimal', 'comment', 'skipRows', 'header', 'encoding', 'unknownCategory', 'naValues', 'keepDefaultNa', 'thousands'] as const;

/** A loaded data set in a train part and an optional test part, with its label. */
export interface LoadedParts {
  readonly name: string;
  readonly train: Dataset;
  readonly test: Dataset | undefined;
  /** How the test part came about, recorded in the model so `evaluate` can find it again. */
  readonly split: { readonly kind: 'given' } | { readonly kind: 'seeded'; readonly seed: number; readonly testFraction: number } | { readonly kind: 'none' };
}

/** The name a data set argument is shown (and saved) under: a built-in name, or the file name. */
export function datasetLabel(dataset: string): string {
  return dataset.split(/[\\/]/).filter((p) => p !== '').at(-1)?.replace(/\.csv$/i, '') ?? dataset;
}

/** Loads a whole data set (both parts when the source defines them). */
export async function loadWhole(options: DataOptions & { classNames?: readonly string[] }) {
  // Large gzipped IDX files (Fashion-MNIST's images) are kept decompressed in ~/.cache/backprop/unpacked (idx-cache.ts).
  const load: LoadOptions = {
    cacheUnpacked: true,
    ...(options.dataPath === undefined ? {} : { path: options.dataPath }),
    ...(options.download === true ? { download: true } : {}),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    csv: {
      ...(options.target === undefined ? {} : { target: options.target }),
      ...(options.classNames === undefined || options.classNames.length === 0 ? {} : { classNames: options.classNames }),
      ...(options.task === undefined ? {} : { task: options.task }),
      ...(options.features === undefined ? {} : { features: options.features }),
      ...(options.ignore === undefined ? {} : { ignore: options.ignore }),
      ...(options.categorical === undefined ? {} : { categorical: options.categorical }),
      ...(options.missing === undefined ? {} : { missing: options.missing }),
      ...(options.dropMissingTargets === undefined ? {} : { dropMissingTargets: options.dropMissingTargets }),
      ...csvReading(options),
      ...(options.fallbackEncoding === undefined ? {} : { fallbackEncoding: options.fallbackEncoding }),
      ...(options.onNote === undefined ? {} : { onNote: options.onNote }),
      ...(options.onReadProgress === undefined ? {} : { onReadProgress: options.onReadProgress }),
    },
  };
  try {
    return await loadDataset(options.dataset, load);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('unknown data set')) throw new UsageError(error.message);
    throw error;
  }
}

/** Data sets with fewer rows get no test part unless --test-split asks for one. */
const MIN_ROWS_TO_SPLIT = 20;

/** Loads the data and makes the train/test parts (the source's own test part, else a seeded split). */
export async function loadParts(options: DataOptions): Promise<LoadedParts> {
  const loaded = await loadWhole(options);
  const name = datasetLabel(options.dataset);
  if (loaded.train.columns === undefined) checkBuiltInFlags(options, loaded.train);
  if (loaded.test !== undefined) return { name, train: loaded.train, test: loaded.test, split: { kind: 'given' } };
  // Toy sets (xor, or, the worked example) are too small to split: train and report on all rows.
  const rows = sampleCount(loaded.train);
  const testFraction = options.testSplit ?? (rows < MIN_ROWS_TO_SPLIT ? 0 : 0.2);
  // A table of one's own that is too small to split: said, since its scores are then training scores.
  if (options.testSplit === undefined && testFraction === 0 && loaded.train.columns !== undefined) {
    options.onNote?.(`${name}: ${rows} ${rows === 1 ? 'row' : 'rows'}, under ${MIN_ROWS_TO_SPLIT}: no test part is held out, so the scores are on the training rows (--test-split 0.2 holds some out)`);
  }
  const seed = options.seed ?? 0;
  if (testFraction === 0) return { name, train: loaded.train, test: undefined, split: { kind: 'none' } };
  let parts;
  try {
    parts = splitDataset(loaded.train, { testFraction, seed });
  } catch (error) {
    // The library's words (splitDataset, testFraction) said as the flag the person typed.
    if (!(error instanceof DataFormatError) || !error.message.includes('leaves an empty part')) throw error;
    const by = loaded.train.labels === undefined ? '' : ' (split per class: each class gives round(its rows × fraction) to the test part)';
    throw new DataFormatError({ file: loaded.train.name }, `${rows} rows with --test-split ${testFraction} leave an empty training or test part${by}; choose another --test-split, or 0 to train on every row`);
  }
  return { name, train: parts.train, test: parts.test, split: { kind: 'seeded', seed, testFraction } };
}

/** The built-ins that read their files from --data-path. */
const PATH_DATASETS: readonly string[] = ['california-housing', 'mnist', 'fashion-mnist'];

/**
 * --data-path or --download for a data set that reads no files from them (a CSV file, iris,
 * xor, ...) is refused rather than silently ignored.
 */
export function checkDataPathFlag(dataset: string, dataPath: string | undefined, download?: boolean): void {
  if (PATH_DATASETS.includes(dataset)) return;
  const flag = dataPath !== undefined ? '--data-path' : download === true ? '--download' : undefined;
  if (flag === undefined) return;
  const what = flag === '--data-path' ? 'the built-ins read from files' : 'the built-ins that can be downloaded';
  throw new UsageError(`${flag} applies to ${PATH_DATASETS.join(', ')} (${what}); ${dataset} does not use it${flag === '--data-path' && (dataset.includes('.') || dataset.includes('/')) ? ' (give the file itself as the data argument)' : ''}`);
}

/** CSV-only flags on a built-in data set are refused rather than silently ignored. */
function checkBuiltInFlags(options: DataOptions, dataset: Dataset): void {
  const given = CSV_FLAGS.find((flag) => options[flag] !== undefined);
  const dashed = (flag: string) => (flag === 'keepDefaultNa' ? '--no-default-na' : `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  if (given !== undefined) throw new UsageError(`${dashed(given)} applies to CSV files; ${options.dataset} is not one`);
  if (options.task !== undefined && options.task !== 'auto' && options.task !== dataset.task) {
    throw new UsageError(`${options.dataset} is a ${dataset.task} data set; --task ${options.task} applies to CSV files`);
  }
}

/** Data sets whose inputs are already 0/1 toys: no input scaling by default. */
const UNSCALED = new Set(['xor', 'or', 'worked-example']);

/** Default input chain: pixels to 0..1 for images, none for the toys, standardisation otherwise. */
export function defaultInputTransforms(dataset: Dataset): TransformSpec[] {
  if (isImageSet(dataset.inputs)) return [{ kind: 'affine', scale: 1 / 255, shift: 0 }];
  return UNSCALED.has(dataset.name) ? [] : [{ kind: 'standardize' }];
}

/** Default target chain: standardised regression targets (predictions map back to original units). */
export function defaultTargetTransforms(dataset: Dataset): TransformSpec[] {
  return dataset.task === 'regression' && dataset.targets !== undefined && !UNSCALED.has(dataset.name) ? [{ kind: 'standardize' }] : [];
}

/** Fits preprocessing on the training part, with the defaults above where nothing is given. */
export function fitDefaults(train: Dataset, spec: { inputs?: TransformSpec[]; targets?: TransformSpec[]; oneHot?: OneHotValues; missing?: MissingPolicy; unknownCategory?: UnknownCategoryRule }): Preprocessing {
  return fitPreprocessing(train, {
    ...(spec.missing === undefined ? {} : { missing: spec.missing }),
    ...(spec.unknownCategory === undefined ? {} : { unknownCategory: spec.unknownCategory }),
    inputs: spec.inputs ?? defaultInputTransforms(train),
    targets: spec.targets ?? defaultTargetTransforms(train),
    ...(spec.oneHot === undefined ? {} : { oneHot: spec.oneHot }),
  });
}
