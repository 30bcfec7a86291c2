/** Learning-rate schedules: the rate for each epoch (0-based) from the initial rate. */
import { UsageError } from '../errors/usage-error.js';

export type ScheduleConfig =
  | { readonly kind: 'constant' }
  /** lr · gamma^floor(epoch / stepSize). */
  | { readonly kind: 'step'; readonly stepSize: number; readonly gamma: number }
  /** lr · gamma^epoch. */
  | { readonly kind: 'exponential'; readonly gamma: number }
  /** min + (lr − min)·(1 + cos(π·epoch/epochs))/2 over `epochs` (default: the training's epochs). */
  | { readonly kind: 'cosine'; readonly minLearningRate?: number; readonly epochs?: number };

/** The learning rate of `epoch` (0-based) under `schedule`, starting from `initial`, over `totalEpochs`. */
export function scheduledLearningRate(schedule: ScheduleConfig, initial: number, epoch: number, totalEpochs: number): number {
  switch (schedule.kind) {
    case 'constant':
      return initial;
    case 'step':
      return initial * Math.pow(schedule.gamma, Math.floor(epoch / schedule.stepSize));
    case 'exponential':
      return initial * Math.pow(schedule.gamma, epoch);
    case 'cosine': {
      const span = Math.max(1, schedule.epochs ?? totalEpochs);
      const min = schedule.minLearningRate ?? 0;
      const t = Math.min(epoch, span) / span;
      return min + ((initial - min) * (1 + Math.cos(Math.PI * t))) / 2;
    }
  }
}

/**
 * Parses the command-line form: `constant`, `step:STEP,GAMMA`, `exponential:GAMMA`, `cosine` or `cosine:MIN`.
 * Throws a one-line error on anything else.
 */
export function parseSchedule(text: string): ScheduleConfig {
  const [name, argText] = text.split(':', 2) as [string, string | undefined];
  const args = argText === undefined ? [] : argText.split(',').map((a) => (a.trim() === '' ? NaN : Number(a)));
  const bad = args.some((v) => !Number.isFinite(v));
  const refuse = (problem: string) => new UsageError(`schedule "${text}": ${problem}`);
  if (!bad) {
    if (name === 'constant' && args.length === 0) return { kind: 'constant' };
    if (name === 'step' && args.length === 2) {
      const [stepSize, gamma] = args as [number, number];
      if (!Number.isInteger(stepSize) || stepSize < 1) throw refuse(`STEP must be a whole number of epochs of at least 1, got ${stepSize}`);
      if (!(gamma > 0)) throw refuse(`GAMMA must be above 0 (the rate is multiplied by it), got ${gamma}`);
      return { kind: 'step', stepSize, gamma };
    }
    if (name === 'exponential' && args.length === 1) {
      if (!(args[0]! > 0)) throw refuse(`GAMMA must be above 0 (the rate is multiplied by it every epoch), got ${args[0]}`);
      return { kind: 'exponential', gamma: args[0]! };
    }
    if (name === 'cosine' && args.length <= 1) {
      if (args.length === 0) return { kind: 'cosine' };
      if (!(args[0]! >= 0)) throw refuse(`MIN, the lowest learning rate, must be 0 or more, got ${args[0]}`);
      return { kind: 'cosine', minLearningRate: args[0]! };
    }
  }
  throw new UsageError(`unknown schedule "${text}"; use constant, step:STEP,GAMMA, exponential:GAMMA, cosine or cosine:MIN`);
}

/** Throws a UsageError when `schedule` (built in code, not parsed) would give a learning rate that is not positive. */
export function checkSchedule(schedule: ScheduleConfig): void {
  const text = JSON.stringify(schedule);
  if (schedule.kind === 'step' && !(Number.isInteger(schedule.stepSize) && schedule.stepSize >= 1 && schedule.gamma > 0)) throw new UsageError(`schedule ${text}: stepSize must be a whole number >= 1 and gamma above 0`);
  if (schedule.kind === 'exponential' && !(schedule.gamma > 0)) throw new UsageError(`schedule ${text}: gamma must be above 0`);
  if (schedule.kind === 'cosine' && schedule.minLearningRate !== undefined && !(schedule.minLearningRate >= 0)) throw new UsageError(`schedule ${text}: minLearningRate must be 0 or more`);
}
