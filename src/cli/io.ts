/**
 * The streams a command writes to, and the end-of-training report: summary table, loss chart
 * and where the files went. With --json, everything human goes to stderr.
 */
import type { TrainRun } from './commands/train-result.js';
import { isClassification, type PartMetrics } from './evaluation.js';
import { parseFlag } from './numeric-flags.js';
import { formatNumber, formatSeconds, formatTable, lossChart, stepChart, TrainingReporter } from './report.js';
import { formatCount } from '../errors/limits.js';

/** Output streams and whether stderr is a terminal (progress bars). */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly interactive: boolean;
  readonly color: boolean;
}

/**
 * The process's streams. Progress drawn in place and colour need a terminal on stderr that is
 * not TERM=dumb (Emacs shells, some CI logs: no escape sequences there); colour is off with
 * NO_COLOR set to anything but "" (no-color.org) or FORCE_COLOR=0 / false.
 */
export function processIo(env: NodeJS.ProcessEnv = process.env): CliIo {
  const interactive = process.stderr.isTTY === true && env['TERM'] !== 'dumb';
  const noColor = (env['NO_COLOR'] ?? '') !== '' || env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false';
  return { stdout: process.stdout, stderr: process.stderr, interactive, color: interactive && !noColor };
}

/** Where human-readable text goes: stderr when stdout carries JSON. */
export function humanStream(io: CliIo, flags: Record<string, unknown>): NodeJS.WritableStream {
  return flags['json'] === true ? io.stderr : io.stdout;
}

/** A reporter for a training run of `epochs` epochs, per the flags (--quiet, --log-every, --json). */
export function reporterFor(io: CliIo, flags: Record<string, unknown>, epochs: number): TrainingReporter {
  const quiet = flags['quiet'] === true;
  const logEvery = typeof flags['logEvery'] === 'string' ? parseFlag('--log-every', flags['logEvery']) : Math.max(1, Math.ceil(epochs / 20));
  return new TrainingReporter({ out: humanStream(io, flags), progress: io.interactive && !quiet, logEvery, epochLines: true }, epochs);
}

/** Rows of the summary table for the parts' metrics. */
export function metricRows(parts: readonly (PartMetrics | undefined)[]): string[][] {
  const first = parts.find((p) => p !== undefined);
  if (first === undefined) return [];
  const keys = isClassification(first) ? (['loss', 'accuracy'] as const) : (['loss', 'mse', 'mae', 'r2'] as const);
  const labels: Record<string, string> = { loss: 'loss', accuracy: 'accuracy', mse: 'MSE', mae: 'MAE', r2: 'R²' };
  return [
    ...keys.map((k) => [labels[k]!, ...parts.map((p) => (p === undefined ? '-' : formatNumber((p as unknown as Record<string, number>)[k])))]),
    ['samples', ...parts.map((p) => (p === undefined ? '-' : String(p.samples)))],
  ];
}

/** Prints the summary, the loss chart and the files of a finished run. */
export function printTrainReport(io: CliIo, run: TrainRun, flags: Record<string, unknown>): void {
  const { steps } = run;
  const out = humanStream(io, flags);
  const { result } = run;
  const lines: string[] = [''];
  lines.push(`${result.dataset}: ${result.task}, network ${result.layers.join('-')} (${result.activations.join(', ')}), ${formatCount(result.parameters)} parameters`);
  lines.push(`loss ${result.loss}, optimizer ${describeOptimizer(result.optimizer)}, batch size ${result.batchSize}, ${result.epochs} epochs in ${formatSeconds(result.seconds)}${result.stopReason === 'earlyStopping' ? ' (early stopping)' : ''}`);
  lines.push('');
  lines.push(formatTable(['', 'train', 'test'], metricRows([run.evaluations.train.metrics, run.evaluations.test?.metrics])));
  if (result.task === 'regression') lines.push('(MSE, MAE and R² in the target\'s original units; loss in the model\'s units)');
  if (flags['quiet'] !== true) {
    const color = io.color && flags['json'] !== true;
    const chart = steps !== undefined ? stepChart(steps, { color }) : lossChart(run.result.history.map((h) => ({ ...h, type: 'epoch', epochs: result.epochs })), { color });
    if (chart !== '') lines.push('', chart);
  }
  if (result.model !== null) lines.push('', `model saved to ${result.model}`);
  if (result.runFolder !== null) lines.push('', `run folder ${result.runFolder}: ${result.files.map((f) => f.slice(result.runFolder!.length + 1)).join(', ')}`);
  out.write(lines.join('\n') + '\n');
}

/** "adam (learning rate 0.001)", "sgd (learning rate 0.2)". */
export function describeOptimizer(config: { kind: string; learningRate?: number; momentum?: number; nesterov?: boolean }): string {
  const name = config.kind === 'momentum' && config.nesterov === true ? 'nesterov' : config.kind;
  const extra = config.momentum === undefined || config.kind !== 'momentum' ? '' : `, momentum ${config.momentum}`;
  return `${name} (learning rate ${config.learningRate ?? 0.001}${extra})`;
}
