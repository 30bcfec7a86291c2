/** Learning-rate schedules: the rate for each epoch (0-based) from the initial rate. */

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
  const args = argText === undefined ? [] : argText.split(',').map(Number);
  const bad = args.some((v) => !Number.isFinite(v));
  if (!bad) {
    if (name === 'constant' && args.length === 0) return { kind: 'constant' };
    if (name === 'step' && args.length === 2 && args[0]! >= 1) return { kind: 'step', stepSize: args[0]!, gamma: args[1]! };
    if (name === 'exponential' && args.length === 1) return { kind: 'exponential', gamma: args[0]! };
    if (name === 'cosine' && args.length <= 1) return args.length === 0 ? { kind: 'cosine' } : { kind: 'cosine', minLearningRate: args[0]! };
  }
  throw new Error(`unknown schedule "${text}"; use constant, step:STEP,GAMMA, exponential:GAMMA, cosine or cosine:MIN`);
}
