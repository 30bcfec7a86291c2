/**
 * The page's side of one training worker: sends commands, keeps the loss history and the
 * latest snapshot, and marks itself dirty so the next animation frame redraws (once). Each panel
 * owns one client, and each client reports its status lines to its own panel only.
 */
import type { ModelJson } from '../src/index.js';
import type { FromWorker, Job, Mistake } from './protocol.js';

/** One snapshot from the worker. */
export type Snapshot = Extract<FromWorker, { type: 'snapshot' }>;

/** One worker and what the views need from it. */
export class JobClient {
  readonly #worker: Worker;
  readonly #onStatus: (text: string, isError: boolean) => void;
  #id = 0;
  /** Whether the shown status line is an error (kept until the next run) rather than progress (cleared by data). */
  #statusIsError = false;
  /** Whether the shown status line is a notice (kept until the next run, not styled as an error). */
  #statusIsNotice = false;
  /** Loss history of the current run. */
  trainLoss: number[] = [];
  testLoss: number[] = [];
  /** Latest snapshot of the current run, its latest model file and mistakes. */
  latest: Snapshot | undefined;
  model: ModelJson | undefined;
  mistakes: readonly Mistake[] = [];
  /** Whether something changed since the views last drew (they clear it). */
  dirty = false;
  /** Called for every snapshot of the current run, before the views draw. */
  onSnapshot: (snapshot: Snapshot) => void = () => {};

  /** `onStatus` receives this worker's status and error lines (an empty text clears the line). */
  constructor(onStatus: (text: string, isError: boolean) => void) {
    this.#onStatus = onStatus;
    this.#worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module' });
    this.#worker.onmessage = (event: MessageEvent<FromWorker>) => this.#receive(event.data);
    this.#worker.onerror = (event) => this.#status(`worker error: ${event.message}`, true);
  }

  /** Starts a new run (paused), from a model file's weights if given. */
  configure(job: Job, model?: ModelJson): void {
    this.#id++;
    this.trainLoss = [];
    this.testLoss = [];
    this.latest = undefined;
    this.model = undefined;
    this.mistakes = [];
    this.dirty = true;
    if (this.#statusIsError || this.#statusIsNotice) this.#status('', false);
    this.#worker.postMessage({ type: 'configure', id: this.#id, job, ...(model === undefined ? {} : { model }) });
  }

  get running(): boolean {
    return this.latest?.running ?? false;
  }

  play(): void {
    this.#worker.postMessage({ type: 'play' });
  }

  pause(): void {
    this.#worker.postMessage({ type: 'pause' });
  }

  step(): void {
    this.#worker.postMessage({ type: 'step' });
  }

  /** Mini-batch steps per frame while playing, or null for as fast as possible. */
  setSpeed(stepsPerFrame: number | null): void {
    this.#worker.postMessage({ type: 'speed', stepsPerFrame });
  }

  #status(text: string, isError: boolean, isNotice = false): void {
    this.#statusIsError = isError;
    this.#statusIsNotice = isNotice;
    this.#onStatus(text, isError);
  }

  #receive(message: FromWorker): void {
    if (message.type === 'status') return this.#status(message.text, false);
    if (message.type === 'notice') return this.#status(message.text, false, true);
    if (message.type === 'error') return this.#status(message.message, true);
    if (message.id !== this.#id) return;
    this.trainLoss.push(...message.trainLoss);
    this.testLoss.push(...message.testLoss);
    this.latest = message;
    if (message.model !== undefined) this.model = message.model;
    if (message.mistakes !== undefined) this.mistakes = message.mistakes;
    this.onSnapshot(message);
    this.dirty = true;
    // Data arrived, so a progress line ("loading …") is over; an error stays until the next run.
    if (!this.#statusIsError && !this.#statusIsNotice) this.#onStatus('', false);
  }
}
