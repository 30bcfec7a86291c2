/**
 * Parsers for command-line values: each takes the text a person typed and returns the typed
 * value, or throws a one-line UsageError saying what was expected (with "did you mean" for names).
 */
import type { TransformSpec } from '../data/transforms.js';
import { ACTIVATION_NAMES, type ActivationName } from '../math/activations.js';
import { LOSS_NAMES, type LossName } from '../math/losses.js';
import { OPTIMIZER_NAMES } from '../nn/optimizers.js';
import { UsageError, unknownName } from './errors.js';
import { parseFlag } from './numeric-flags.js';

/** Names compare without case, dashes or underscores: `leaky-relu` is `leakyRelu`. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_ ]/g, '');
}

/** Aliases people type for loss names. */
const LOSS_ALIASES: Readonly<Record<string, LossName>> = { ce: 'crossEntropy', bce: 'binaryCrossEntropy', sse: 'halfSumSquares', halfsse: 'halfSumSquares' };

/** Picks `text` out of `names` (case, dashes and underscores ignored) or throws with a suggestion. */
export function pickName<T extends string>(what: string, text: string, names: readonly T[], aliases: Readonly<Record<string, T>> = {}): T {
  const key = normalise(text);
  const found = names.find((n) => normalise(n) === key) ?? aliases[key];
  if (found !== undefined) return found;
  throw unknownName(what, text, names);
}

/** An activation name: sigmoid, tanh, relu, leakyRelu (leaky-relu), linear, softmax. */
export function parseActivation(text: string): ActivationName {
  return pickName('activation', text, ACTIVATION_NAMES);
}

/** A loss name: mse, halfSumSquares (sse), crossEntropy (ce), binaryCrossEntropy (bce). */
export function parseLoss(text: string): LossName {
  return pickName('loss', text, LOSS_NAMES, LOSS_ALIASES);
}

/** An optimiser name: sgd, momentum, nesterov, adam. */
export function parseOptimizerName(text: string): (typeof OPTIMIZER_NAMES)[number] {
  return pickName('optimizer', text, OPTIMIZER_NAMES);
}

/** A finite number. */
export function parseNumber(what: string, text: string): number {
  const value = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`${what} must be a number, got "${text}"`);
  return value;
}

/** A number > 0. */
export function parsePositive(what: string, text: string): number {
  const value = parseNumber(what, text);
  if (!(value > 0)) throw new UsageError(`${what} must be a positive number, got ${text}`);
  return value;
}

/** A number >= 0. */
export function parseNonNegative(what: string, text: string): number {
  const value = parseNumber(what, text);
  if (!(value >= 0)) throw new UsageError(`${what} must be zero or positive, got ${text}`);
  return value;
}

/** An integer >= 1. */
export function parsePositiveInteger(what: string, text: string): number {
  const value = parseNumber(what, text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${what} must be a whole number of at least 1, got ${text}`);
  return value;
}

/** A fraction in [0, 1). */
export function parseFraction(what: string, text: string): number {
  const value = parseNumber(what, text);
  if (!(value >= 0 && value < 1)) throw new UsageError(`${what} must be in [0, 1), got ${text}`);
  return value;
}

/** Hidden layer sizes, `100,20`; `none` or an empty string for no hidden layer. */
export function parseLayers(text: string): number[] {
  if (text.trim() === '' || text.trim() === 'none') return [];
  return text.split(',').map((part, i) => {
    const value = Number(part.trim());
    if (!Number.isInteger(value) || value < 1) {
      throw new UsageError(`layer sizes must be whole numbers of at least 1, got "${part.trim()}" at position ${i + 1} of --layers ${text}`);
    }
    return value;
  });
}

/** Batch size: `full`, or a whole number (1 = per-sample). */
export function parseBatchSize(text: string): number | 'full' {
  return text === 'full' ? 'full' : parseFlag('--batch-size', text);
}

/** One-hot target values `OFF,ON`, e.g. seed 003's `0.01,0.99`. */
export function parseOneHot(text: string): { off: number; on: number } {
  const parts = text.split(',');
  if (parts.length !== 2) throw new UsageError(`--one-hot takes OFF,ON (e.g. 0.01,0.99), got "${text}"`);
  const values = { off: parseNumber('one-hot off value', parts[0]!), on: parseNumber('one-hot on value', parts[1]!) };
  if (values.on === values.off) throw new UsageError(`--one-hot ${text}: OFF and ON must differ, or every target is the same`);
  return values;
}

const TRANSFORM_NAMES = ['none', 'standardize', 'minmax', 'l2', 'pixels', 'affine'] as const;

/**
 * A preprocessing chain joined by `+`: `none`, `standardize`, `minmax[:LOW,HIGH]`, `l2` (per-row),
 * `pixels[:LOW,HIGH]` (bytes 0..255 to LOW..HIGH, default 0,1), `affine:SCALE,SHIFT`.
 */
export function parseTransforms(text: string): TransformSpec[] {
  return text
    .split('+')
    .map((part) => part.trim())
    .flatMap((part): TransformSpec[] => {
      const [rawName, argText] = part.split(':', 2) as [string, string | undefined];
      const name = pickName('preprocessing', rawName, TRANSFORM_NAMES, { standardise: 'standardize', zscore: 'standardize', l2rows: 'l2' });
      const args = argText === undefined ? [] : argText.split(',').map((a) => parseNumber(`${name} argument`, a));
      const want = (counts: number[]) => {
        if (!counts.includes(args.length)) throw new UsageError(`preprocessing "${part}": ${name} takes ${counts.map((c) => `${c} argument(s)`).join(' or ')}`);
      };
      switch (name) {
        case 'none':
          want([0]);
          return [];
        case 'standardize':
        case 'l2':
          want([0]);
          return [name === 'l2' ? { kind: 'l2Rows' } : { kind: 'standardize' }];
        case 'minmax': {
          want([0, 2]);
          const [low = 0, high = 1] = args;
          if (!(high > low)) throw new UsageError(`preprocessing "${part}": HIGH must exceed LOW`);
          return [{ kind: 'minMax', low, high }];
        }
        case 'pixels': {
          want([0, 2]);
          const [low = 0, high = 1] = args;
          if (!(high > low)) throw new UsageError(`preprocessing "${part}": HIGH must exceed LOW`);
          return [{ kind: 'affine', scale: (high - low) / 255, shift: low }];
        }
        case 'affine':
          want([2]);
          if (args[0] === 0) throw new UsageError(`preprocessing "${part}": SCALE 0 would turn every input into the same value`);
          return [{ kind: 'affine', scale: args[0]!, shift: args[1]! }];
      }
    });
}
