/**
 * Every numeric command-line flag, declared once: its type (integer or real), its range and its
 * meaning. `parseFlag` turns the typed text into the number or a one-line UsageError naming the
 * flag, what it means and the range ("--log-every (print every Nth epoch line) must be a whole
 * number from 1 to 10000000, got "1.5"").
 */
import { UsageError } from '../errors/usage-error.js';

/** The declaration of one numeric flag. Bounds are inclusive unless `exclusiveMin` says otherwise. */
export interface NumericFlag {
  readonly type: 'integer' | 'real';
  readonly min: number;
  readonly max: number;
  /** The value must be above `min`, not equal to it (a learning rate of 0 is refused). */
  readonly exclusiveMin?: boolean;
  /** The value must be below `max`, not equal to it (a split of 1 leaves nothing to train on). */
  readonly exclusiveMax?: boolean;
  /** What the value means, as help and error texts say it. */
  readonly meaning: string;
}

const SAFE = Number.MAX_SAFE_INTEGER;

/** The table of numeric flags, by flag name. */
export const NUMERIC_FLAGS = {
  '--epochs': { type: 'integer', min: 1, max: 10_000_000, meaning: 'epochs' },
  '--batch-size': { type: 'integer', min: 1, max: 100_000_000, meaning: 'batch size' },
  '--learning-rate': { type: 'real', min: 0, max: 1e6, exclusiveMin: true, meaning: 'learning rate' },
  '--lr': { type: 'real', min: 0, max: 1e6, exclusiveMin: true, meaning: 'learning rate' },
  '--momentum': { type: 'real', min: 0, max: 1, exclusiveMax: true, meaning: 'momentum' },
  '--weight-decay': { type: 'real', min: 0, max: 1e6, meaning: 'weight decay' },
  '--seed': { type: 'integer', min: -SAFE, max: SAFE, meaning: 'seed' },
  '--test-split': { type: 'real', min: 0, max: 1, exclusiveMax: true, meaning: 'test split' },
  '--validation-split': { type: 'real', min: 0, max: 1, exclusiveMax: true, meaning: 'validation split' },
  '--early-stopping': { type: 'integer', min: 1, max: 10_000_000, meaning: 'early stopping patience' },
  '--log-every': { type: 'integer', min: 1, max: 10_000_000, meaning: 'print every Nth epoch line' },
  '--threads': { type: 'integer', min: 1, max: 256, meaning: 'worker threads' },
  '--samples': { type: 'integer', min: 1, max: 100_000, meaning: 'rows of random data' },
  '--tolerance': { type: 'real', min: 0, max: 1, exclusiveMin: true, meaning: 'largest accepted relative error' },
  '--iterations': { type: 'integer', min: 0, max: 1_000_000, meaning: 'updates to repeat' },
  '--skip-rows': { type: 'integer', min: 0, max: 1_000_000_000, meaning: 'lines skipped before the header' },
  '--port': { type: 'integer', min: 0, max: 65535, meaning: 'port' },
} as const satisfies Record<string, NumericFlag>;

/** A flag of the table. */
export type NumericFlagName = keyof typeof NUMERIC_FLAGS;

/** "a whole number from 1 to 10000000", "a number above 0 and at most 1000000". */
export function describeRange(spec: NumericFlag): string {
  const kind = spec.type === 'integer' ? 'a whole number' : 'a number';
  const bounded = spec.min !== -SAFE;
  if (!bounded) return kind;
  if (spec.exclusiveMin !== true && spec.exclusiveMax !== true) return `${kind} from ${spec.min} to ${spec.max}`;
  const low = spec.exclusiveMin === true ? `above ${spec.min}` : `at least ${spec.min}`;
  const high = spec.exclusiveMax === true ? `below ${spec.max}` : `at most ${spec.max}`;
  return `${kind} ${low} and ${high}`;
}

/** Parses `text` as the value of `flag` per its declaration; throws a UsageError naming the flag otherwise. */
export function parseFlag(flag: NumericFlagName, text: string, spec: NumericFlag = NUMERIC_FLAGS[flag]): number {
  const trimmed = text.trim();
  const value = trimmed === '' ? NaN : Number(trimmed);
  const fail = () => new UsageError(`${flag} (${spec.meaning}) must be ${describeRange(spec)}, got "${text}"`);
  if (!Number.isFinite(value)) throw fail();
  if (spec.type === 'integer' && !Number.isInteger(value)) throw fail();
  if (spec.exclusiveMin === true ? !(value > spec.min) : !(value >= spec.min)) throw fail();
  if (spec.exclusiveMax === true ? !(value < spec.max) : !(value <= spec.max)) throw fail();
  return value;
}
