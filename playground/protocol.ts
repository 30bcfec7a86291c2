/** The messages between the page and the training worker: plain data only. */
import type { ModelJson } from '../src/index.js';
import type { Settings } from './state.js';

/** What the worker trains: the 2-D playground or seed 003's digit network. */
export type Job = { readonly kind: '2d'; readonly settings: Settings } | { readonly kind: 'digits'; readonly settings: Settings };

/** Page → worker. `configure` starts a job afresh, from a model file's weights when `model` is given. */
export type ToWorker =
  | { readonly type: 'configure'; readonly id: number; readonly job: Job; readonly model?: ModelJson }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'step' };

/** One misclassified test digit: its pixels (28 x 28 bytes), label and the network's guess. */
export interface Mistake {
  readonly pixels: Uint8Array;
  readonly label: number;
  readonly predicted: number;
}

/** Worker → page. A snapshot carries the current weights as a model file. */
export type FromWorker =
  | {
      readonly type: 'snapshot';
      /** The `id` of the configure message this run started from (older snapshots are stale). */
      readonly id: number;
      readonly kind: Job['kind'];
      /** Name of the backend computing in the worker ('wasm', 'reference'). */
      readonly backend: string;
      /** The current weights; digit snapshots carry them only after an evaluation. */
      readonly model?: ModelJson;
      readonly epoch: number;
      /** Training samples seen so far. */
      readonly samples: number;
      readonly samplesPerSecond: number;
      /** Losses since the previous snapshot: per epoch (2-D) or per evaluation (digits). */
      readonly trainLoss: readonly number[];
      readonly testLoss: readonly number[];
      readonly testAccuracy?: number;
      readonly mistakes?: readonly Mistake[];
      readonly running: boolean;
    }
  | { readonly type: 'status'; readonly text: string }
  | { readonly type: 'error'; readonly message: string };
