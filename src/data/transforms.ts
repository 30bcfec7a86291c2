/**
 * Column and row transforms, fitted on training rows and applied to any rows.
 * A fitted transform is plain JSON data (`FittedTransform`), so a model file can carry it
 * and `predict` can apply it to raw rows; `transformFromJSON` validates it back.
 *
 * Shapes: x is `rows x cols`; column transforms hold one statistic per column.
 */
import { Matrix } from '../matrix.js';
import { UsageError } from '../errors/usage-error.js';
import { DataFormatError } from './errors.js';
import { ModelFormatError } from '../errors/model-format-error.js';

/** What to fit. */
export type TransformSpec =
  | { readonly kind: 'standardize' }
  | { readonly kind: 'minMax'; readonly low: number; readonly high: number }
  | { readonly kind: 'l2Rows' }
  | { readonly kind: 'affine'; readonly scale: number; readonly shift: number };

/** A fitted transform: plain data, JSON-serialisable as is. */
export type FittedTransform =
  | { readonly kind: 'standardize'; readonly mean: readonly number[]; readonly std: readonly number[] }
  | { readonly kind: 'minMax'; readonly low: number; readonly high: number; readonly min: readonly number[]; readonly max: readonly number[] }
  | { readonly kind: 'l2Rows' }
  | { readonly kind: 'affine'; readonly scale: number; readonly shift: number };

/** The smallest normal float32 (2^-126): the least std or scale a transform divides by, so 1/scale stays finite in float32. */
export const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

/** Per column: (x − mean) / std, population std; a constant column gets std 1 (seed 000, sklearn's StandardScaler). */
export function standardize(): TransformSpec {
  return { kind: 'standardize' };
}

/** Per column: maps the training min..max to low..high (default 0..1; seed 003 targets use 0.01..0.99). */
export function minMax(low = 0, high = 1): TransformSpec {
  if (!(high > low)) throw new UsageError(`minMax: high must exceed low, got ${low}..${high}`);
  return { kind: 'minMax', low, high };
}

/** Per row: x / ‖x‖₂ (seed 002); an all-zero row stays zero. Nothing to fit. */
export function l2Rows(): TransformSpec {
  return { kind: 'l2Rows' };
}

/** Every value: x·scale + shift (seed 003's pixels: scale 0.99/255, shift 0.01). Nothing to fit. */
export function affine(scale: number, shift: number): TransformSpec {
  return { kind: 'affine', scale, shift };
}

/**
 * Fits `spec` on the rows of x (the training part only). `indicators`: columns that are one-hot
 * 0/1 indicators, which standardize leaves as they are (mean 0, std 1), as scikit-learn's usual
 * ColumnTransformer scales the numbers and not the one-hot block: a category seen in 1 row of
 * 16,000 would otherwise become an input of about 126 that the network memorises.
 */
export function fitTransform(spec: TransformSpec, x: Matrix, indicators?: ReadonlySet<number>): FittedTransform {
  if (spec.kind === 'l2Rows' || spec.kind === 'affine') return { ...spec };
  const { rows, cols, data } = x;
  if (rows === 0) throw new DataFormatError({ file: `fitTransform(${spec.kind})` }, 'no rows to fit on');
  if (spec.kind === 'minMax') {
    const min = new Array<number>(cols).fill(Infinity);
    const max = new Array<number>(cols).fill(-Infinity);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = data[r * cols + c]!;
        if (v < min[c]!) min[c] = v;
        if (v > max[c]!) max[c] = v;
      }
    }
    return { kind: 'minMax', low: spec.low, high: spec.high, min, max };
  }
  const mean = new Array<number>(cols).fill(0);
  const sumSquares = new Array<number>(cols).fill(0);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c]! += data[r * cols + c]!;
  for (let c = 0; c < cols; c++) mean[c] = mean[c]! / rows;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const d = data[r * cols + c]! - mean[c]!;
      sumSquares[c]! += d * d;
    }
  }
  const std = sumSquares.map((s) => {
    const sd = Math.sqrt(s / rows);
    return sd >= FLOAT32_MIN_NORMAL ? sd : 1; // below it, float32 cannot hold the spread: constant
  });
  for (const c of indicators ?? []) {
    mean[c] = 0;
    std[c] = 1;
  }
  return { kind: 'standardize', mean, std };
}

/** Applies a fitted transform to x, returning a new matrix of the same shape and precision. */
export function applyTransform(t: FittedTransform, x: Matrix): Matrix {
  checkColumns(t, x);
  const out = x.clone();
  const { rows, cols, data } = out;
  if (t.kind === 'affine') {
    for (let i = 0; i < data.length; i++) data[i] = data[i]! * t.scale + t.shift;
  } else if (t.kind === 'l2Rows') {
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let c = 0; c < cols; c++) sum += data[r * cols + c]! ** 2;
      const norm = Math.sqrt(sum);
      if (norm > 0) for (let c = 0; c < cols; c++) data[r * cols + c] = data[r * cols + c]! / norm;
    }
  } else {
    const [scale, shift] = linearParts(t);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = data[r * cols + c]! * scale[c]! + shift[c]!;
  }
  return out;
}

/** Maps transformed values back to original units (e.g. standardised predictions → house values). */
export function invertTransform(t: FittedTransform, y: Matrix): Matrix {
  if (t.kind === 'l2Rows') throw new UsageError('invertTransform: l2Rows discards each row’s length and cannot be inverted');
  checkColumns(t, y);
  const out = y.clone();
  const { rows, cols, data } = out;
  if (t.kind === 'affine') {
    for (let i = 0; i < data.length; i++) data[i] = (data[i]! - t.shift) / t.scale;
    return out;
  }
  const [scale, shift] = linearParts(t);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = (data[r * cols + c]! - shift[c]!) / scale[c]!;
  return out;
}

/**
 * Fits a chain of transforms, each on the output of the previous one. `indicators` (one-hot
 * columns, see fitTransform) are told to each standardize until an l2Rows mixes the columns.
 */
export function fitPipeline(specs: readonly TransformSpec[], x: Matrix, indicators?: ReadonlySet<number>): FittedTransform[] {
  const fitted: FittedTransform[] = [];
  let current = x;
  let columnsKept = true;
  for (const spec of specs) {
    if (spec.kind === 'l2Rows') columnsKept = false;
    const t = fitTransform(spec, current, columnsKept ? indicators : undefined);
    fitted.push(t);
    current = applyTransform(t, current);
  }
  return fitted;
}

/** Applies a chain of fitted transforms in order (returns x itself when the chain is empty). */
export function applyPipeline(transforms: readonly FittedTransform[], x: Matrix): Matrix {
  return transforms.reduce((current, t) => applyTransform(t, current), x);
}

/** Inverts a chain of fitted transforms, last first. */
export function invertPipeline(transforms: readonly FittedTransform[], y: Matrix): Matrix {
  return transforms.reduceRight((current, t) => invertTransform(t, current), y);
}

/** A JSON value shown in a message, cut to 40 characters. */
export function showJson(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
}

/**
 * Validates parsed JSON as a fitted transform; throws a ModelFormatError whose field is the JSON
 * path of the bad part below `field` (e.g. `metadata.preprocessing.inputs[2].std[1]`).
 */
export function transformFromJSON(json: unknown, field = 'transform'): FittedTransform {
  const fail = (key: string, problem: string): never => {
    throw new ModelFormatError(key === '' ? field : `${field}.${key}`, problem);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('', `must be an object, got ${showJson(json)}`);
  const o = json as Record<string, unknown>;
  const num = (key: string): number => (typeof o[key] === 'number' && Number.isFinite(o[key]) ? (o[key] as number) : fail(key, `must be a finite number, got ${showJson(o[key])}`));
  const nums = (key: string): number[] => {
    const v = o[key];
    if (!Array.isArray(v)) return fail(key, `must be an array of numbers, got ${showJson(v)}`);
    const bad = v.findIndex((e) => typeof e !== 'number' || !Number.isFinite(e));
    return bad < 0 ? [...(v as number[])] : fail(`${key}[${bad}]`, `must be a finite number, got ${showJson(v[bad])}`);
  };
  switch (o['kind']) {
    case 'standardize': {
      const mean = nums('mean');
      const std = nums('std');
      if (mean.length !== std.length) fail('std', `has ${std.length} values but mean has ${mean.length}`);
      const bad = std.findIndex((s) => s <= 0);
      if (bad >= 0) fail(`std[${bad}]`, `must be positive, got ${std[bad]}`);
      return { kind: 'standardize', mean, std };
    }
    case 'minMax': {
      const min = nums('min');
      const max = nums('max');
      if (min.length !== max.length) fail('max', `has ${max.length} values but min has ${min.length}`);
      const low = num('low');
      const high = num('high');
      if (!(high > low)) fail('high', `must exceed low, got low ${low}, high ${high}`);
      return { kind: 'minMax', low, high, min, max };
    }
    case 'l2Rows':
      return { kind: 'l2Rows' };
    case 'affine':
      return { kind: 'affine', scale: num('scale'), shift: num('shift') };
    default:
      return fail('kind', `must be one of standardize, minMax, l2Rows, affine, got ${showJson(o['kind'])}`);
  }
}

/** Columns a fitted transform was fitted on: their count for standardize and minMax, undefined for the others (any width). */
export function fittedWidth(t: FittedTransform): number | undefined {
  return t.kind === 'standardize' ? t.mean.length : t.kind === 'minMax' ? t.min.length : undefined;
}

/** Per-column y = x·scale + shift for the column transforms. */
function linearParts(t: Extract<FittedTransform, { min: readonly number[] } | { mean: readonly number[] }>): [number[], number[]] {
  if (t.kind === 'standardize') return [t.std.map((s) => 1 / s), t.mean.map((m, c) => -m / t.std[c]!)];
  const scale = t.min.map((lo, c) => {
    const range = t.max[c]! - lo;
    return range > 0 ? (t.high - t.low) / range : 1;
  });
  return [scale, t.min.map((lo, c) => t.low - lo * scale[c]!)];
}

function checkColumns(t: FittedTransform, x: Matrix): void {
  const expected = t.kind === 'standardize' ? t.mean.length : t.kind === 'minMax' ? t.min.length : x.cols;
  if (x.cols !== expected) throw new DataFormatError({ file: t.kind }, `fitted on ${expected} columns, given ${x.cols}`);
}
