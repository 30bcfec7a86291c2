/**
 * Mlp: a stack of Dense layers on one backend. Holds parameters and the per-batch-size
 * workspaces; knows how to run forward passes and back-propagate one batch.
 */
import { UsageError } from '../errors/usage-error.js';
import type { Backend } from '../backend/backend.js';
import { getDefaultBackend } from '../backend/default.js';
import { Matrix, type DType } from '../matrix.js';
import { Random } from '../random.js';
import { applyWeightUpdate, Dense, type DenseConfig, type LayerBatch, type SgdStep, type WeightUpdate } from './dense.js';
import { defaultInitFor, describeInit, initializeWeights } from './init.js';
import { Workspace, type StepBuffers } from './workspace.js';
import { inputMatrix } from './input-rows.js';
import { checkBackendOption } from '../backend/backend-option.js';
import { checkNetworkSize, layerConfigs, ownJson, setFromNested, type MlpOptions } from './mlp-config.js';
import { decodeModelJson, encodeModelJson, type ModelJson } from './model-json.js';

export type { MlpOptions } from './mlp-config.js';

/** A plain-SGD step through the whole network (see Mlp.sgdBackward). */
export interface SgdBackward extends SgdStep {
  /** As Mlp.backward's `outputErrorBackward`: seed 003's shortcut. */
  readonly outputErrorBackward?: Matrix | undefined;
}

/** A multilayer perceptron: Dense layers, their parameters and workspaces. */
export class Mlp {
  readonly layers: readonly Dense[];
  readonly backend: Backend;
  readonly dtype: DType;
  /** Free-form data saved with the model (class names, fitted preprocessing, dataset, loss ...). */
  metadata: Record<string, unknown> = {};
  readonly #workspaces = new Map<number, Workspace>();
  readonly #trainingWorkspaces = new Map<number, Workspace>();
  #disposed = false;

  constructor(configs: readonly DenseConfig[], backend: Backend = getDefaultBackend(), dtype: DType = 'float32') {
    if (configs.length === 0) throw new UsageError('an Mlp needs at least one layer');
    if (!backend.dtypes.includes(dtype)) {
      throw new UsageError(`backend "${backend.name}" does not compute in ${dtype} (it supports ${backend.dtypes.join(', ')})`);
    }
    checkNetworkSize(configs, dtype);
    configs.forEach((c, i) => {
      if (i > 0 && c.inputSize !== configs[i - 1]!.units) {
        throw new UsageError(`layer ${i + 1} expects ${c.inputSize} inputs but layer ${i} has ${configs[i - 1]!.units} units`);
      }
    });
    this.backend = backend;
    this.dtype = dtype;
    const layers: Dense[] = [];
    try {
      for (const c of configs) layers.push(new Dense(c, backend, dtype));
    } catch (error) {
      // A layer that does not fit must not strand the memory of the ones made before it.
      for (const layer of layers) layer.dispose(backend);
      throw error;
    }
    this.layers = layers;
  }

  /** Builds and initialises a network from sizes, activations and an initialiser. */
  static create(options: MlpOptions): Mlp {
    const configs = layerConfigs(options);
    const model = new Mlp(configs, options.backend, options.dtype);
    const random = options.random ?? new Random(options.seed ?? 0);
    model.layers.forEach((layer, l) => {
      const fixedW = options.weights?.[l];
      if (fixedW !== undefined) setFromNested(layer.W, fixedW, `weights[${l}]`);
      else initializeWeights(layer.W, options.init ?? defaultInitFor(layer.activation), random);
      if (layer.b === null) return;
      const fixedB = options.biases?.[l];
      if (fixedB !== undefined) setFromNested(layer.b, [fixedB], `biases[${l}]`);
      else initializeWeights(layer.b, options.biasInit ?? 'zeros', random);
    });
    model.metadata.init = describeInit(options.init ?? defaultInitFor(configs[0]!.activation));
    return model;
  }

  /** Layer sizes from input to output. */
  get sizes(): number[] {
    return [this.layers[0]!.inputSize, ...this.layers.map((l) => l.units)];
  }

  get inputSize(): number {
    return this.layers[0]!.inputSize;
  }

  get outputSize(): number {
    return this.layers[this.layers.length - 1]!.units;
  }

  get outputLayer(): Dense {
    return this.layers[this.layers.length - 1]!;
  }

  /** Total number of trainable values. */
  get parameterCount(): number {
    return this.layers.reduce((sum, l) => sum + l.parameterCount, 0);
  }

  /** Buffers for a batch of `rows` samples; allocated once per capacity and reused. */
  buffers(rows: number, capacity = rows): StepBuffers {
    return this.#workspace(this.#workspaces, capacity).forRows(rows);
  }

  /**
   * Gives all of the model's memory (weights, gradients, every workspace) back to its backend,
   * for new models to reuse: the wasm backend's memory never shrinks, so a program that makes
   * many models (a search over settings, a playground's resets) should dispose of the ones it is
   * done with. The model, its layers and any matrix or buffer taken from it must not be used
   * afterwards; training or predicting with it throws. Backends on the JavaScript heap need
   * nothing, and there it only marks the model as disposed.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const workspaces of [this.#workspaces, this.#trainingWorkspaces]) {
      for (const workspace of workspaces.values()) workspace.dispose();
      workspaces.clear();
    }
    for (const layer of this.layers) layer.dispose(this.backend);
  }

  /** True once `dispose` has been called. */
  get disposed(): boolean {
    return this.#disposed;
  }

  #assertUsable(): void {
    if (this.#disposed) throw new UsageError('this model was disposed: its memory has been given back to the backend (an estimator disposes its old network when fit runs again: read `network` afresh)');
  }

  #workspace(workspaces: Map<number, Workspace>, capacity: number): Workspace {
    this.#assertUsable();
    let workspace = workspaces.get(capacity);
    if (workspace === undefined) {
      workspace = new Workspace(this.backend, this.sizes, capacity, this.dtype);
      workspaces.set(capacity, workspace);
    }
    return workspace;
  }

  /**
   * The training loop's own buffers (never shared with predict or evaluate, so that a forward pass
   * it computed ahead for the next batch survives anything run between two steps). `slot` 0 or 1:
   * two inputs and targets, one for this batch and one for the next.
   */
  trainingBuffers(rows: number, capacity: number, slot: 0 | 1): StepBuffers {
    return this.#workspace(this.#trainingWorkspaces, capacity).forRows(rows, slot);
  }

  /**
   * Runs the forward pass on buffers whose X is filled; returns the output A (a view into the
   * workspace). `fromLayer` 1 skips the first layer, whose Z and A are already in the buffers.
   */
  forward(buffers: StepBuffers, fromLayer: 0 | 1 = 0): Matrix {
    let aPrev = fromLayer === 0 ? buffers.X : buffers.A[0]!;
    for (let l = fromLayer; l < this.layers.length; l++) {
      this.layers[l]!.forward(this.backend, aPrev, buffers.Z[l]!, buffers.A[l]!);
      aPrev = buffers.A[l]!;
    }
    return aPrev;
  }

  /**
   * Back-propagates from the output layer's dZ (already in buffers.dZ[L−1]) down to layer 1,
   * leaving dW and db in every layer (Dense.gradients). `outputErrorBackward`, when given, replaces
   * the output layer's dZ in what is handed down (dA_prev = outputErrorBackward·Wᵀ; seed 003's shortcut).
   */
  backward(buffers: StepBuffers, outputErrorBackward?: Matrix): void {
    for (let l = this.layers.length - 1; l >= 0; l--) {
      this.layers[l]!.gradients(this.backend, this.#layerBatch(buffers, l, outputErrorBackward));
      this.#activationBackwardBelow(buffers, l);
    }
  }

  /**
   * Back-propagation with plain SGD applied layer by layer as it goes (Dense.sgdStep: W and b
   * written directly, dW not formed), from the output layer's dZ as `backward` starts.
   */
  sgdBackward(buffers: StepBuffers, sgd: SgdBackward): void {
    applyWeightUpdate(this.backend, this.sgdBackwardExceptFirstWeights(buffers, sgd));
  }

  /**
   * `sgdBackward` except its last operation, the first layer's weight update W₁ −= (lr/m)·Xᵀ·dZ₁,
   * which is returned for the caller to apply: alone, or fused with the next batch's first-layer
   * forward pass (Backend.denseUpdateForward). Until then layer 1's W holds its weights before the step.
   */
  sgdBackwardExceptFirstWeights(buffers: StepBuffers, sgd: SgdBackward): WeightUpdate {
    for (let l = this.layers.length - 1; l >= 1; l--) {
      this.layers[l]!.sgdStep(this.backend, this.#layerBatch(buffers, l, sgd.outputErrorBackward), sgd);
      this.#activationBackwardBelow(buffers, l);
    }
    return this.layers[0]!.sgdStepExceptWeights(this.backend, this.#layerBatch(buffers, 0, sgd.outputErrorBackward), sgd);
  }

  /** Layer l's view of the buffers during back-propagation. */
  #layerBatch(buffers: StepBuffers, l: number, outputErrorBackward: Matrix | undefined): LayerBatch {
    const dZ = buffers.dZ[l]!;
    return {
      aPrev: l === 0 ? buffers.X : buffers.A[l - 1]!,
      dZ,
      dAPrev: l === 0 ? null : buffers.dA[l - 1]!,
      errorBelow: l === this.layers.length - 1 && outputErrorBackward !== undefined ? outputErrorBackward : dZ,
    };
  }

  /** dZ of layer l − 1 from the dA that layer l handed down (nothing for l = 0). */
  #activationBackwardBelow(buffers: StepBuffers, l: number): void {
    if (l === 0) return;
    const below = this.layers[l - 1]!;
    below.activationBackward(this.backend, { Z: buffers.Z[l - 1]!, A: buffers.A[l - 1]! }, buffers.dA[l - 1]!, buffers.dZ[l - 1]!);
  }

  /** Seed 003's name for `predict`: the network's outputs for every row of `x`. */
  query(x: Matrix | readonly (readonly number[])[]): Matrix {
    return this.predict(x);
  }

  /**
   * Predictions for every row of `x` (rows x inputSize), as a new matrix (rows x outputSize).
   * `x` must be prepared inputs (already standardised or scaled as in training): this is the
   * engine-level forward pass, and the outputs are raw (probabilities, or standardised values).
   * For raw rows, a file's preprocessing and class names, use `loadModel` / `Classifier` /
   * `Regressor`, whose `predict` applies them. The seeds call this `query`. Runs in batches of
   * up to `batchSize` rows.
   */
  predict(x: Matrix | readonly (readonly number[])[], batchSize = 1024): Matrix {
    // Only the output is copied out; a batch of `x` in the model's precision is read in place
    // (no copy into the workspace's X), the same products as `activations`.
    this.#assertHostResults('predict');
    const input = this.#input(x);
    const output = Matrix.zeros(input.rows, this.outputSize, this.dtype);
    const capacity = Math.max(1, Math.min(batchSize, input.rows));
    for (let start = 0; start < input.rows; start += capacity) {
      const rows = Math.min(capacity, input.rows - start);
      const buffers = this.buffers(rows, capacity);
      let aPrev = buffers.X;
      if (input.dtype === this.dtype) aPrev = new Matrix(rows, input.cols, input.data.subarray(start * input.cols, (start + rows) * input.cols));
      else aPrev.data.set(input.data.subarray(start * input.cols, (start + rows) * input.cols));
      this.layers.forEach((layer, l) => {
        layer.forward(this.backend, aPrev, buffers.Z[l]!, buffers.A[l]!);
        aPrev = buffers.A[l]!;
      });
      output.data.set(aPrev.data, start * output.cols);
    }
    return output;
  }

  /** Results of a device backend (Backend.read) reach the host only asynchronously: refuse the synchronous calls. */
  #assertHostResults(what: string): void {
    if (this.backend.read !== undefined) {
      throw new UsageError(`${what}: backend "${this.backend.name}" keeps results on its device; use await predictAsync(model, x), or model.clone() onto a CPU backend`);
    }
  }

  #input(x: Matrix | readonly (readonly number[])[], what = 'predict'): Matrix {
    return inputMatrix(x, this.inputSize, this.dtype, what);
  }

  /** Every layer's output A for every row of `x`, as new matrices (for plots and explanations). */
  activations(x: Matrix | readonly (readonly number[])[], batchSize = 1024): Matrix[] {
    this.#assertHostResults('activations');
    const input = this.#input(x, 'activations');
    const outputs = this.layers.map((l) => Matrix.zeros(input.rows, l.units, this.dtype));
    const capacity = Math.max(1, Math.min(batchSize, input.rows));
    for (let start = 0; start < input.rows; start += capacity) {
      const rows = Math.min(capacity, input.rows - start);
      const buffers = this.buffers(rows, capacity);
      buffers.X.data.set(input.data.subarray(start * input.cols, (start + rows) * input.cols));
      this.forward(buffers);
      outputs.forEach((out, l) => out.data.set(buffers.A[l]!.data, start * out.cols));
    }
    return outputs;
  }

  /** Copies every weight and bias from `other` (same architecture). */
  copyWeightsFrom(other: Mlp): void {
    this.#assertUsable();
    other.#assertUsable();
    this.layers.forEach((layer, l) => {
      const source = other.layers[l]!;
      layer.W.data.set(source.W.data);
      if (layer.b !== null && source.b !== null) layer.b.data.set(source.b.data);
    });
  }

  /** A copy of this model with the same weights, on another backend and/or precision. */
  clone(options: { backend?: Backend; dtype?: DType } = {}): Mlp {
    this.#assertUsable();
    const copy = new Mlp(
      this.layers.map((l) => l.config),
      options.backend ?? this.backend,
      options.dtype ?? this.dtype,
    );
    copy.copyWeightsFrom(this);
    copy.metadata = structuredClone(this.metadata);
    return copy;
  }

  /** A one-line-per-layer description with shapes and parameter counts. */
  summary(): string {
    const lines = [`Mlp ${this.sizes.join('-')} (${this.parameterCount} parameters, ${this.dtype}, backend ${this.backend.name})`];
    this.layers.forEach((l, i) => {
      const shape = `W ${l.inputSize}x${l.units}${l.useBias ? ` + b 1x${l.units}` : ', no bias'}`;
      lines.push(`  ${i + 1}. Dense ${l.inputSize} -> ${l.units}, ${l.activation}, ${shape}, ${l.parameterCount} parameters`);
    });
    return lines.join('\n');
  }

  toString(): string {
    return this.summary();
  }

  /** The model file contents (see nn/model-json.ts); `JSON.stringify(model)` uses it. */
  toJSON(): ModelJson {
    this.#assertUsable();
    return encodeModelJson(this);
  }

  /** Rebuilds a model from `toJSON()` data or its text; throws ModelFormatError naming any bad field. */
  static fromJSON(json: unknown, options: { backend?: Backend } = {}): Mlp {
    checkBackendOption(options.backend, 'fromJSON');
    const decoded = decodeModelJson(ownJson(json), { beforeWeights: (configs) => checkNetworkSize(configs, 'float32') });
    const model = new Mlp(decoded.configs, options.backend);
    model.layers.forEach((layer, i) => {
      layer.W.data.set(decoded.weights[i]!);
      const bias = decoded.biases[i];
      if (layer.b !== null && bias !== undefined && bias !== null) layer.b.data.set(bias);
    });
    model.metadata = decoded.metadata;
    return model;
  }
}
