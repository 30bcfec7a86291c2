/**
 * The page's side of one training worker: sends commands, keeps the loss history and the
 * latest snapshot, and marks itself dirty so the next animation frame redraws (once).
 */
import type { ModelJson } from '../src/index.js';
import type { FromWorker, Job, Mistake } from './protocol.js';

type Snapshot = Extract<FromWorker, { type: 'snapshot' }>;

/** One worker and what the views need from it. */
export class JobClient {
  readonly #worker: Worker;
  #id = 0;
  /** Loss history of the current run. */
  trainLoss: number[] = [];
  testLoss: number[] = [];
  /** Latest snapshot of the current run, its latest weights and mistakes. */
  latest: Snapshot | undefined;
  model: ModelJson | undefined;
  mistakes: readonly Mistake[] = [];
  /** Whether the model changed since the views last drew (they clear it). */
  dirty = false;
  /** Status and error lines for the page. */
  onStatus: (text: string, isError: boolean) => void = () => {};

  constructor() {
    this.#worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module' });
    this.#worker.onmessage = (event: MessageEvent<FromWorker>) => this.#receive(event.data);
    this.#worker.onerror = (event) => this.onStatus(`worker error: ${event.message}`, true);
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

  #receive(message: FromWorker): void {
    if (message.type === 'status') return this.onStatus(message.text, false);
    if (message.type === 'error') return this.onStatus(message.message, true);
    if (message.id !== this.#id) return;
    this.trainLoss.push(...message.trainLoss);
    this.testLoss.push(...message.testLoss);
    this.latest = message;
    if (message.model !== undefined) this.model = message.model;
    if (message.mistakes !== undefined) this.mistakes = message.mistakes;
    this.dirty = true;
    this.onStatus('', false);
  }
}
