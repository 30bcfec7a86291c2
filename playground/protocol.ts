/** The messages between the page and the training worker: plain data only. */
import type { ModelJson } from '../src/index.js';
import type { LayerStats } from './layer-stats.js';
import type { Settings } from './state.js';

/** What the worker trains: the 2-D playground or seed 003's digit network. */
export type Job = { readonly kind: '2d'; readonly settings: Settings } | { readonly kind: 'digits'; readonly settings: Settings };

/** Page → worker. `configure` starts a job afresh, from a model file's weights when `model` is given. */
export type ToWorker =
  | { readonly type: 'configure'; readonly id: number; readonly job: Job; readonly model?: ModelJson }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  /** Mini-batch steps per frame (about 60 a second) while playing; null: as fast as possible. */
  | { readonly type: 'speed'; readonly stepsPerFrame: number | null }
  | { readonly type: 'step' };

/** One misclassified test digit: its pixels (28 x 28 bytes), label and the network's guess. */
export interface Mistake {
  readonly pixels: Uint8Array;
  readonly label: number;
  readonly predicted: number;
}

/** One layer's current parameters (W row-major inputSize x units, b 1 x units or null). */
export interface LayerWeights {
  readonly W: Float32Array;
  readonly b: Float32Array | null;
}

/** Worker → page. A snapshot carries the current weights (as a model file when the page needs one). */
export type FromWorker =
  | {
      readonly type: 'snapshot';
      /** The `id` of the configure message this run started from (older snapshots are stale). */
      readonly id: number;
      readonly kind: Job['kind'];
      /** Name of the backend computing in the worker ('wasm', 'reference', 'webgpu'). */
      readonly backend: string;
      /**
       * The model file: 2-D snapshots carry it in a run's first snapshot and whenever training
       * stops (then raw `weights` in between); digit snapshots only after an evaluation.
       */
      readonly model?: ModelJson;
      /** 2-D: the current parameters of every layer, for the page's own copy of the model. */
      readonly weights?: readonly LayerWeights[];
      /** 2-D: gradient norms and flat units of every layer, over the training set. */
      readonly layers?: readonly LayerStats[];
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
  /** A line that stays until the next run (the GPU engine's fallback and its reason), not an error. */
  | { readonly type: 'notice'; readonly text: string }
  | { readonly type: 'error'; readonly message: string };
