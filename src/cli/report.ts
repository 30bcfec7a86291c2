/**
 * What a person sees while and after training: a progress bar per epoch (samples/s, ETA,
 * running loss) on a terminal, one line per epoch, a summary table and a loss curve drawn
 * in the terminal. Without a terminal (CI, pipes) or with --quiet the log is plain lines.
 */
import { createRequire } from 'node:module';
import type { SingleBar } from 'cli-progress';
import type { EpochEvent, TrainEvent } from '../train/train.js';
import type { StepCurve } from './step-curve.js';
import { formatCount } from '../errors/limits.js';

// cli-progress and asciichart (CommonJS) are loaded on first use: a run with --json or without a
// terminal draws neither, and loading them would add about 30 ms to every start.
const load = createRequire(import.meta.url);
const progressBars = (): typeof import('cli-progress') => load('cli-progress') as typeof import('cli-progress');
const charts = (): typeof import('asciichart') => load('asciichart') as typeof import('asciichart');

/** Where and how much to report. */
export interface ReporterOptions {
  /** Human-readable output (stdout normally, stderr with --json). */
  readonly out: NodeJS.WritableStream;
  /** Draw progress bars (needs a terminal on stderr). */
  readonly progress: boolean;
  /** Print every Nth epoch line (the first and last always print). */
  readonly logEvery: number;
  /** Print epoch lines at all. */
  readonly epochLines: boolean;
}


/** Formats a number for a table: 4 significant decimals, exponent for tiny or huge values. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '-';
  if (Number.isNaN(value)) return 'n/a'; // undefined for this part (R² of a single row)
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6) ? value.toExponential(3) : value.toFixed(4);
}

/** Seconds as "0.84s", "12.3s" or "2m05s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(2)}s`;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

/** One line per epoch: losses, metrics, learning rate, time and speed. */
export function epochLine(e: EpochEvent): string {
  const width = String(e.epochs).length;
  const parts = [`epoch ${String(e.epoch).padStart(width)}/${e.epochs}`, `loss ${formatNumber(e.loss)}`];
  if (e.accuracy !== undefined) parts.push(`accuracy ${formatNumber(e.accuracy)}`);
  if (e.mae !== undefined) parts.push(`mae ${formatNumber(e.mae)}`);
  if (e.validationLoss !== undefined) parts.push(`val_loss ${formatNumber(e.validationLoss)}`);
  if (e.validationAccuracy !== undefined) parts.push(`val_accuracy ${formatNumber(e.validationAccuracy)}`);
  if (e.validationMae !== undefined) parts.push(`val_mae ${formatNumber(e.validationMae)}`);
  parts.push(`lr ${formatNumber(e.learningRate)}`, formatSeconds(e.elapsed), `${formatCount(Math.round(e.samplesPerSecond))} samples/s`);
  return parts.join('  ');
}

/** Least training time between two updates of a progress bar (its redraw rate is 10 per second). */
const BAR_UPDATE_SECONDS = 0.05;

/** Consumes training events and writes bars and lines. */
export class TrainingReporter {
  readonly #options: ReporterOptions;
  #bar: SingleBar | undefined;
  #epochStart = 0;
  #samples = 0;
  #lossSum = 0;
  /** Training seconds at the bar's last update. */
  #updated = 0;
  constructor(options: ReporterOptions, epochs = 1) {
    this.#options = options;
  }

  /** Whether per-batch events are of any use (a progress bar is drawn). */
  get wantsBatches(): boolean {
    return this.#options.progress;
  }

  /** Handles one event from `train()`. */
  onEvent(event: TrainEvent): void {
    if (event.type === 'batch') {
      this.#onBatch(event.epoch, event.batch, event.batches, event.rows, event.loss, event.elapsed);
    } else {
      this.#onEpoch(event);
    }
  }

  #onBatch(epoch: number, batch: number, batches: number, rows: number, loss: number, elapsed: number): void {
    if (!this.#options.progress || batches < 2) return;
    if (batch === 1 || this.#bar === undefined) {
      this.#bar?.stop();
      this.#epochStart = elapsed;
      this.#samples = 0;
      this.#lossSum = 0;
      this.#bar = new (progressBars().SingleBar)({
        format: `epoch ${epoch} {bar} {percentage}% | {samples} samples | {speed} samples/s | ETA {eta_formatted} | loss {loss}`,
        stream: process.stderr,
        barsize: 24,
        hideCursor: true,
        barCompleteChar: '\u2588',
        barIncompleteChar: '\u2591',
        clearOnComplete: true,
        fps: 10,
      });
      this.#bar.start(batches, 0, { samples: 0, speed: '-', loss: '-' });
      this.#updated = elapsed;
    }
    this.#samples += rows;
    this.#lossSum += loss * rows;
    // The bar redraws at most 10 times a second: formatting its numbers for every batch (thousands
    // a second) would only slow training down.
    if (batch < batches && elapsed - this.#updated < BAR_UPDATE_SECONDS) return;
    this.#updated = elapsed;
    const seconds = Math.max(elapsed - this.#epochStart, 1e-9);
    this.#bar.update(batch, {
      samples: this.#samples,
      speed: formatCount(Math.round(this.#samples / seconds)),
      loss: formatNumber(this.#lossSum / this.#samples),
    });
  }

  #onEpoch(e: EpochEvent): void {
    this.#bar?.stop();
    this.#bar = undefined;
    const { epochLines, logEvery, out } = this.#options;
    if (epochLines && (e.epoch === 1 || e.epoch === e.epochs || e.epoch % logEvery === 0)) out.write(epochLine(e) + '\n');
  }

  /** Removes a bar left over (training stopped mid-epoch). */
  close(): void {
    this.#bar?.stop();
    this.#bar = undefined;
  }
}

/** A plain table with a header row, columns padded (first column left, the rest right-aligned). */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => all.reduce((widest, r) => Math.max(widest, (r[c] ?? '').length), 0));
  const line = (r: readonly string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('   ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Picks at most `count` evenly spaced values (always keeping the last). */
function thin(values: readonly number[], count: number): number[] {
  if (values.length <= count) return [...values];
  return Array.from({ length: count }, (_, i) => values[Math.round((i * (values.length - 1)) / (count - 1))]!);
}

/** The training loss of a short run, per group of steps, as a terminal chart. */
export function stepChart(curve: StepCurve, { color = false, height = 10 } = {}): string {
  const { plot, cyan } = charts();
  const chart = plot([...curve.points], { height, ...(color ? { colors: [cyan] } : {}), format: (x: number) => formatNumber(x).padStart(10) });
  const steps = curve.points.length * curve.stepsPerPoint;
  const axis = `${' '.repeat(12)}step 1${' '.repeat(Math.max(1, curve.points.length - 6 - String(steps).length - 5))}step ${steps}`;
  return `Training loss, mean of every ${curve.stepsPerPoint} step${curve.stepsPerPoint === 1 ? '' : 's'}\n${chart}\n${axis}`;
}

/** The training (and validation) loss per epoch as a terminal chart, with a legend. */
export function lossChart(history: readonly EpochEvent[], { color = false, width = 60, height = 10 } = {}): string {
  if (history.length < 2) return '';
  const train = thin(history.map((e) => e.loss), width);
  const validation = history.every((e) => e.validationLoss !== undefined) ? thin(history.map((e) => e.validationLoss!), width) : undefined;
  const series = validation === undefined ? [train] : [train, validation];
  const finite = series.flat().filter(Number.isFinite);
  if (finite.length === 0) return '';
  const { plot, cyan, yellow } = charts();
  const chart = plot(series, {
    height,
    ...(color ? { colors: [cyan, yellow] } : {}),
    format: (x: number) => formatNumber(x).padStart(10),
  });
  const legend = validation === undefined ? 'training loss' : color ? 'training loss (cyan), validation loss (yellow)' : 'training loss (upper line at the start), validation loss';
  const axis = `${' '.repeat(12)}epoch 1${' '.repeat(Math.max(1, train.length - 7 - String(history.length).length - 6))}epoch ${history.length}`;
  return `Loss per epoch: ${legend}\n${chart}\n${axis}`;
}
