/**
 * How the training loops run one step, decided once per training run (model, optimiser,
 * parameters, batch mode) instead of per call:
 * - 'standard': forward, loss, back-propagation forming dW and db (Mlp.backward), then
 *   optimizer.step: any optimiser, any parameter list.
 * - 'fusedSgd': plain SGD (Optimizer.plainSgd) on exactly the model's parameters: the update is
 *   applied layer by layer inside back-propagation (Mlp.sgdBackward, Dense.sgdStep): W −=
 *   (lr/m)·aPrevᵀ·dZ as one accumulating product, no dW written and read back. dW is not formed.
 * - 'fusedSgdLookahead': as 'fusedSgd', and the first layer's update and the next batch's
 *   first-layer forward pass run as one backend call (Backend.denseUpdateForward, or its
 *   composition on a backend without it): per sample, one pass over W instead of two; for
 *   batches, the next batch is gathered while worker threads finish the update. The next step's
 *   forward pass starts at layer 2. Bit-identical to 'fusedSgd'.
 *
 * The plan owns the training buffers (model.trainingBuffers, slot 0 for one batch and slot 1 for
 * the next one filled ahead) and the filling: a step fills its own batch from the sample source
 * unless the step before already did, and in lookahead mode hands the backend the callback that
 * fills the next one (the callback's only hop).
 */
import type { Backend } from '../backend/backend.js';
import { composedUpdateForward } from '../backend/compose.js';
import { applyWeightUpdate, type WeightUpdate } from '../nn/dense.js';
import type { Matrix } from '../matrix.js';
import type { Mlp } from '../nn/mlp.js';
import type { Optimizer, Parameter, PlainSgd } from '../nn/optimizers.js';
import type { StepBuffers } from '../nn/workspace.js';
import type { SampleSource } from './sample-source.js';
import { computeGradients, forwardToOutputError, outputErrorBackward, type GradientOptions } from './train-step.js';

/** How a StepPlan runs its steps (see the module comment). */
export type StepMode = 'standard' | 'fusedSgd' | 'fusedSgdLookahead';

/** What a StepPlan needs besides the model, optimiser and parameters. */
export interface StepPlanOptions extends GradientOptions {
  /** Where the rows come from. */
  readonly source: SampleSource;
  /**
   * The row indices batches are taken from: a step's batch is order[first .. first + rows). The
   * loop may rewrite the entries between steps (shuffles, random draws), never during one.
   */
  readonly order: Uint32Array;
  /** Rows per batch (the training buffers' capacity); a step may have fewer. */
  readonly batchSize: number;
  /**
   * Allow the lookahead (default false). Only for batches that are consecutive runs of `order`
   * (epoch sampling): the next batch is order[first + rows ...]. Taken only with plain SGD on
   * the model's own parameters and at least two layers (a single layer's A is the output the
   * loop reads after each step).
   */
  readonly lookahead?: boolean;
}

/** Runs training steps in the mode chosen at construction; see the module comment. */
export class StepPlan {
  readonly mode: StepMode;
  readonly #model: Mlp;
  readonly #backend: Backend;
  readonly #optimizer: Optimizer;
  readonly #parameters: readonly Parameter[];
  readonly #options: StepPlanOptions;
  /** Present in the fused modes; rewritten each step (per-sample steps take microseconds). */
  readonly #sgd: { learningRate: number; readonly updateBiases: boolean; outputErrorBackward: Matrix | undefined } | undefined;
  readonly #plainSgd: PlainSgd | undefined;
  #slot: 0 | 1 = 0;
  #firstLayerReady = false;
  #batch: StepBuffers | undefined;
  #next: StepBuffers | undefined;
  #nextFirst = 0;
  /** Fills the next batch's X and Y: handed to the backend, which calls it during the first layer's update. */
  readonly #fillNext = (): void => {
    this.#options.source.fill(this.#backend, this.#options.order, this.#nextFirst, this.#next!.X, this.#next!.Y);
  };

  constructor(model: Mlp, optimizer: Optimizer, parameters: readonly Parameter[], options: StepPlanOptions) {
    this.#model = model;
    this.#backend = model.backend;
    this.#optimizer = optimizer;
    this.#parameters = parameters;
    this.#options = options;
    const updateBiases = optimizer.plainSgd === undefined ? undefined : fusableBiases(model, parameters);
    this.#plainSgd = updateBiases === undefined ? undefined : optimizer.plainSgd;
    this.#sgd = updateBiases === undefined ? undefined : { learningRate: Number.NaN, updateBiases, outputErrorBackward: undefined };
    if (this.#sgd === undefined) this.mode = 'standard';
    else this.mode = options.lookahead === true && model.layers.length >= 2 ? 'fusedSgdLookahead' : 'fusedSgd';
  }

  /** Starts an epoch: nothing is carried over from the last one (its first step fills its own batch). */
  startEpoch(): void {
    this.#slot = 0;
    this.#firstLayerReady = false;
  }

  /**
   * One step on rows order[first .. first + rows): fills them (unless the step before did), forward,
   * loss, back-propagation and the update. `hasNext`: another batch follows at order[first + rows]
   * in this epoch (used by the lookahead only). Returns the batch's mean loss before the update
   * (NaN with `totals`); `batch` holds its buffers afterwards.
   */
  step(first: number, rows: number, hasNext: boolean): number {
    const { batchSize, source, order } = this.#options;
    const buffers = this.#model.trainingBuffers(rows, batchSize, this.#slot);
    if (!this.#firstLayerReady) source.fill(this.#backend, order, first, buffers.X, buffers.Y);
    this.#batch = buffers;
    if (this.#sgd === undefined) {
      const value = computeGradients(this.#model, buffers, this.#options);
      this.#optimizer.step(this.#backend, this.#parameters);
      return value;
    }
    const sgd = this.#sgd;
    sgd.learningRate = this.#plainSgd!.takeStep();
    sgd.outputErrorBackward = outputErrorBackward(buffers, this.#options);
    if (this.mode === 'fusedSgd') {
      const value = forwardToOutputError(this.#model, buffers, this.#options);
      this.#model.sgdBackward(buffers, sgd);
      return value;
    }
    const next = hasNext ? this.#model.trainingBuffers(Math.min(batchSize, order.length - first - rows), batchSize, this.#slot === 0 ? 1 : 0) : undefined;
    this.#next = next;
    this.#nextFirst = first + rows;
    const value = forwardToOutputError(this.#model, buffers, this.#options, this.#firstLayerReady ? 1 : 0);
    const update = this.#model.sgdBackwardExceptFirstWeights(buffers, sgd);
    if (next === undefined) applyWeightUpdate(this.#backend, update);
    else this.#updateThenForward(update, next);
    this.#firstLayerReady = next !== undefined;
    if (next !== undefined) this.#slot = this.#slot === 0 ? 1 : 0;
    return value;
  }

  /** The buffers of the last step's batch: its X and Y, and the model's output A[L−1] for it. */
  get batch(): StepBuffers {
    if (this.#batch === undefined) throw new Error('StepPlan.batch: no step has run yet');
    return this.#batch;
  }

  /**
   * The first layer's pending update, then the next batch's forward pass through it (into the
   * shared Z[0], A[0], which this batch no longer needs), with #fillNext filling next.X and next.Y
   * in between: the backend's fused call when it has one, else the composition it is defined as.
   */
  #updateThenForward(u: WeightUpdate, next: StepBuffers): void {
    const layer = this.#model.layers[0]!;
    const backend = this.#backend;
    if (backend.denseUpdateForward !== undefined) {
      backend.denseUpdateForward(u.U, u.D, u.W, u.alpha, next.X, layer.b, layer.activation, layer.alpha, next.Z[0]!, next.A[0]!, this.#fillNext);
    } else {
      composedUpdateForward(backend, u.U, u.D, u.W, u.alpha, next.X, layer.b, layer.activation, layer.alpha, next.Z[0]!, next.A[0]!, this.#fillNext);
    }
  }
}

/**
 * Whether `parameters` are exactly what modelParameters(model, updateBiases) lists, for some
 * updateBiases (which is returned); undefined for any other list (then no fusion).
 */
function fusableBiases(model: Mlp, parameters: readonly Parameter[]): boolean | undefined {
  for (const updateBiases of [true, false]) {
    let i = 0;
    let same = true;
    for (const layer of model.layers) {
      if (parameters[i]?.value !== layer.W || parameters[i]?.grad !== layer.dW) same = false;
      i++;
      if (updateBiases && layer.b !== null) {
        if (parameters[i]?.value !== layer.b) same = false;
        i++;
      }
    }
    if (same && i === parameters.length) return updateBiases;
  }
  return undefined;
}
