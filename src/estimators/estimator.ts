/**
 * What Classifier and Regressor share: fitting preprocessing and a network on in-memory rows,
 * asynchronous training that waits for the backend's threads and can be aborted, online steps
 * (`partialFit`), predictions from raw rows through the stored preprocessing, and the model file.
 * On a device backend (webgpu) training runs through `trainAsync` and everything else through a
 * CPU copy of the network, refreshed after every fit (so `predict` stays synchronous).
 */
import type { Backend } from '../backend/backend.js';
import { cellSyntaxOf } from '../data/cells.js';
import { loadDefaultBackend } from '../backend/default.js';
import { loadBackend, type BackendName } from '../backend/load.js';
import { datasetSource, targetSize, type Dataset, type Task } from '../data/dataset.js';
import type { EncodedColumn, WarningSink } from '../data/encoding.js';
import { fitPreprocessing, preparedInputSize, preparedMatrices, preparedSource, warnOnStderr, type Preprocessing } from '../data/preprocessing.js';
import { datasetFromRows, prepareRawRows, type RawCell } from '../data/raw-rows.js';
import type { TransformSpec } from '../data/transforms.js';
import { modelToJson, type ModelJson } from '../io/model-json.js';
import type { Matrix } from '../matrix.js';
import type { Mlp } from '../nn/mlp.js';
import { createOptimizer, type Optimizer } from '../nn/optimizers.js';
import { Random } from '../random.js';
import { defaultLossFor } from '../train/evaluate.js';
import type { SampleSource } from '../train/sample-source.js';
import type { TrainOptions } from '../train/train-options.js';
import { trainAsync } from '../train/train-async.js';
import { train, type EpochEvent, type History } from '../train/train.js';
import { emptyValidationProblem } from '../train/validation-rows.js';
import { BackpropError } from '../errors/backprop-error.js';
import { UsageError } from '../errors/usage-error.js';
import { isThenable } from '../errors/thenable.js';
import { checkFitRows, rawRows, rowCount, type AnyFeatureInput, type Label } from './inputs.js';
import { checkFiniteInputs, checkFiniteOutputs } from './finite-checks.js';
import { checkFitOptions, type FitOptions } from './fit-options.js';
import { inLibraryTerms, libraryTerms } from './messages.js';
import { readMetadata, writeMetadata, type ModelMetadata } from './metadata.js';
import { buildNetwork, optimizerOf, resolveOptions, trainOptionsOf, type EstimatorOptions, type ResolvedOptions } from './options.js';

export type { FitOptions } from './fit-options.js';

/** A fitted estimator's parts. */
interface Fitted {
  /** The network that trains, on the estimator's backend. */
  readonly network: Mlp;
  /** The network that predicts and is saved: `network` itself, or its CPU copy when `network` lives on a device. */
  host: Mlp;
  meta: ModelMetadata;
  readonly optimizer: Optimizer;
  readonly random: Random;
}

/** The shared machinery of Classifier and Regressor (not used directly). */
export abstract class Estimator {
  /** The settings with every default filled in. */
  readonly options: ResolvedOptions;
  /** The history of the last `fit` (undefined before one). */
  history: History | undefined;
  readonly #backendChoice: Backend | BackendName | undefined;
  #backend: Backend | undefined;
  readonly #featureNames: readonly string[] | undefined;
  readonly #targetName: string | undefined;
  readonly #warn: WarningSink;
  #fitted: Fitted | undefined;
  /** The fit or partialFit running now, if any. */
  #running: 'fit' | 'partialFit' | undefined;

  /** 'classification' or 'regression': tells a loaded `Model` apart (`if (model.task === 'classification') model.predictProba(x)`). */
  abstract readonly task: Task;
  protected abstract readonly kind: 'classifier' | 'regressor';

  constructor(options: EstimatorOptions = {}) {
    this.options = resolveOptions(options);
    this.#backendChoice = options.backend;
    this.#featureNames = options.featureNames;
    this.#targetName = options.targetName;
    this.#warn = options.warn ?? warnOnStderr;
  }

  /** True once fitted (or loaded). */
  get fitted(): boolean {
    return this.#fitted !== undefined;
  }

  /**
   * The engine-level network (for explain, gradcheck, inspection); it takes prepared inputs. After
   * a fit on a device backend (webgpu) this is the CPU copy of the trained weights.
   */
  get network(): Mlp {
    return this.#state().host;
  }

  /** The fitted preprocessing: transforms, feature names, class names. */
  get preprocessing(): Preprocessing {
    return this.#state().meta.preprocessing;
  }

  /** The typed metadata saved with the model. */
  get metadata(): ModelMetadata {
    return this.#state().meta;
  }

  /** Input column names, in training order. */
  get featureNames(): readonly string[] {
    return this.preprocessing.featureNames;
  }

  /**
   * What `predict` expects of each input column, in training order: its name, whether it is
   * numeric or categorical (with the categories `fit` saw), and the value that fills a missing
   * cell (null: a missing cell is refused). For a form or a check of records before predicting.
   */
  get inputColumns(): readonly EncodedColumn[] {
    const prep = this.preprocessing;
    return prep.encoding?.columns ?? prep.featureNames.map((name) => ({ name, kind: 'numeric', fill: null }));
  }

  /** The model file contents (the format of `backprop train --save`); `JSON.stringify` uses it. */
  toJSON(): ModelJson {
    const state = this.#state();
    writeMetadata(state.host, this.kind, state.meta);
    return modelToJson(state.host);
  }

  /** Refuses X that `fit` (or a first `partialFit`) cannot take, naming the row or the option: no rows, ragged rows, featureNames that do not fit them. */
  protected checkFitInput(x: AnyFeatureInput, online = false): void {
    // A later partialFit batch goes through the fitted columns (predict's checks), not featureNames.
    checkFitRows(x, online && this.fitted ? undefined : this.#featureNames);
  }

  /** Fits preprocessing and a new network on X, y and trains it. */
  protected async fitRows(x: AnyFeatureInput, y: readonly RawCell[], labels: readonly Label[], options: FitOptions): Promise<History> {
    checkFitOptions(options, 'fit', this.kind);
    // A signal aborted already (an AbortSignal.timeout that fired early) rejects before the fitted network is replaced.
    options.signal?.throwIfAborted();
    return this.#exclusive('fit', async () => {
      const { dataset, prep } = this.#datasetFor(x, y, labels);
      const source = preparedSource(dataset, prep);
      checkValidationRows(source.count, this.options.validationSplit, this.options.earlyStopping !== undefined);
      const state = await this.#start(dataset, prep, labels);
      const history = await this.#train(state, source, this.#trainOptions(state), options, true);
      this.history = history;
      return history;
    });
  }

  /** One pass over X, y with the same network and optimiser state; the first call fits the preprocessing. */
  protected async partialRows(x: AnyFeatureInput, y: readonly RawCell[], labels: readonly Label[], options: FitOptions): Promise<History> {
    checkFitOptions(options, 'partialFit', this.kind, this.task === 'classification' ? ['classes'] : []);
    options.signal?.throwIfAborted(); // before a first call builds a network that would stay untrained
    return this.#exclusive('partialFit', async () => {
      const existing = this.#fitted;
      if (existing !== undefined) return this.#train(existing, this.#laterBatch(x, y, existing.meta), this.#onePass(existing), options);
      const { dataset, prep } = this.#datasetFor(x, y, labels);
      const state = await this.#start(dataset, prep, labels);
      return this.#train(state, preparedSource(dataset, prep), this.#onePass(state), options);
    });
  }

  /**
   * Runs one fit or partialFit at a time: a second call while one runs (two async tasks sharing
   * the estimator) rejects with a UsageError, rather than one of them training a network the
   * other has just replaced and disposed.
   */
  async #exclusive<T>(what: 'fit' | 'partialFit', run: () => Promise<T>): Promise<T> {
    if (this.#running !== undefined) throw new UsageError(`this ${this.kind} is still running ${this.#running}: await it before calling ${what} (or use one ${this.kind} per task)`);
    this.#running = what;
    try {
      return await run();
    } catch (error) {
      // Limits and reader messages of the whole fit (network size, training memory) in the library's terms.
      if (error instanceof BackpropError) error.message = libraryTerms(error.message);
      throw error;
    } finally {
      this.#running = undefined;
    }
  }

  /** Training options of one online pass: one epoch, no validation, schedule or early stopping. */
  #onePass(state: Fitted): TrainOptions {
    const { earlyStopping: _stop, schedule: _schedule, validationSplit: _split, ...once } = this.#trainOptions(state);
    return { ...once, epochs: 1 };
  }

  /**
   * A later partialFit batch through the fitted preprocessing, as predict reads rows (so a batch
   * of one row may hold a missing or unseen cell): model-ready inputs, targets read on their own.
   */
  #laterBatch(x: AnyFeatureInput, y: readonly RawCell[], meta: ModelMetadata): SampleSource {
    checkTargets(x, y);
    const prep = meta.preprocessing;
    const inputs = checkFiniteInputs(inLibraryTerms(() => prepareRawRows(prep, rawRows(x), { warn: this.#warn, syntax: cellSyntaxOf(meta.cells ?? {}) })), prep);
    const classNames = this.task === 'classification' ? { classNames: meta.labels.map(String) } : {};
    const { dataset } = inLibraryTerms(() => datasetFromRows(y.map(() => [0]), y, { task: this.task, missing: 'error', ...classNames }));
    // Only the targets of this data set are used: its one dummy input column goes through no transform.
    const { encoding: _encoding, ...withoutEncoding } = prep;
    const { y: targets } = preparedMatrices(dataset, { ...withoutEncoding, inputs: [] });
    return datasetSource({ ...dataset, inputs, targets, featureNames: [...prep.featureNames] });
  }

  /** The network's outputs for raw rows X, prepared by the stored preprocessing (rows x outputs); every value finite, or an error naming the row. */
  protected outputs(x: AnyFeatureInput): Matrix {
    const { host: network, meta } = this.#state();
    if (rowCount(x) === 0) throw new UsageError('X has no rows');
    // Text cells as `backprop train` read its file (--na-values, --thousands), as `backprop predict` reads them.
    const inputs = inLibraryTerms(() => prepareRawRows(meta.preprocessing, rawRows(x), { warn: this.#warn, syntax: cellSyntaxOf(meta.cells ?? {}) }));
    // A value beyond float32 (1e50) or a non-finite output is an error naming the row, never a NaN prediction.
    return checkFiniteOutputs(network.predict(checkFiniteInputs(inputs, meta.preprocessing).clone(network.dtype)));
  }

  /** Puts a loaded network and its metadata in place (fromJSON). */
  protected restore(network: Mlp, meta: ModelMetadata = readMetadata(network)): this {
    if (meta.task !== this.task) throw new UsageError(`this model file holds a ${meta.task} model, not a ${this.task} one: load it with ${meta.task === 'regression' ? 'Regressor' : 'Classifier'}.fromJSON, or with loadModelFromJSON / loadModel, which give either`);
    this.#fitted = { network, host: network, meta, optimizer: createOptimizer(optimizerOf(this.options)), random: new Random(this.options.seed) };
    return this;
  }

  /** The target transforms fitted in `fit` (regression: standardised, as `backprop train`). */
  protected abstract targetTransforms(): readonly TransformSpec[];

  #state(): Fitted {
    // A first fit still running (fit called without await) is not a fit never called.
    if (this.#fitted === undefined && this.#running !== undefined) throw new UsageError(`this ${this.kind}'s ${this.#running} has not finished yet: await it before using the model (await model.${this.#running}(X, y))`);
    if (this.#fitted === undefined) throw new UsageError(`this ${this.kind} is not fitted yet: call fit first`);
    return this.#fitted;
  }

  /** The rows as a Dataset (the CSV reader's rules) and the preprocessing fitted on them. */
  #datasetFor(x: AnyFeatureInput, y: readonly RawCell[], labels: readonly Label[]): { dataset: Dataset; prep: Preprocessing } {
    checkTargets(x, y);
    const featureNames = this.#featureNames;
    const targetName = this.#targetName;
    const { missing, unknownCategory, categorical } = this.options;
    const { dataset, notes } = inLibraryTerms(() => datasetFromRows(rawRows(x), y, {
      task: this.task,
      // 'error' and 'drop' act while reading the rows; the imputing policies keep missing cells for fitPreprocessing.
      missing,
      ...(featureNames === undefined ? {} : { featureNames }),
      ...(targetName === undefined ? {} : { targetName }),
      ...(categorical === undefined ? {} : { categorical }),
      ...(this.task === 'classification' ? { classNames: labels.map(String) } : {}),
    }));
    for (const note of notes) this.#warn(libraryTerms(note)); // as the CLI prints them: labels differing only in case, an identifier column, ...
    const prep = fitPreprocessing(dataset, { inputs: this.options.inputs, targets: this.targetTransforms(), missing, unknownCategory });
    return { dataset, prep };
  }

  async #start(dataset: Dataset, prep: Preprocessing, labels: readonly Label[]): Promise<Fitted> {
    // One network input per encoded value: a categorical column becomes one input per category.
    const inputs = preparedInputSize(prep, dataset.featureNames.length);
    const backend = await this.#trainingBackend();
    await backend.threadsReady?.();
    const outputActivation = this.task === 'classification' ? 'softmax' : 'linear';
    const network = buildNetwork(this.options, inputs, targetSize(dataset), outputActivation, backend);
    const meta: ModelMetadata = { task: this.task, loss: defaultLossFor(network), preprocessing: prep, labels: [...labels], dataset: dataset.name, trainedEpochs: 0, options: this.options };
    const state: Fitted = { network, host: network, meta, optimizer: createOptimizer(optimizerOf(this.options)), random: new Random(this.options.seed) };
    // A new fit replaces the network: the old one's memory goes back to the backend (wasm memory never shrinks).
    const old = this.#fitted;
    if (old !== undefined && old.host !== old.network) old.host.dispose();
    old?.network.dispose();
    this.#fitted = state;
    writeMetadata(network, this.kind, meta);
    return state;
  }

  /** The backend of `options.backend`, loaded by name on first use and kept (a GPU device is made once). */
  async #trainingBackend(): Promise<Backend> {
    if (this.#backend !== undefined) return this.#backend;
    const choice = this.#backendChoice;
    this.#backend = choice === undefined ? await loadDefaultBackend() : typeof choice === 'string' ? await loadBackend(choice) : choice;
    return this.#backend;
  }

  #trainOptions(state: Fitted): TrainOptions {
    return { ...trainOptionsOf(this.options, state.meta.loss), task: this.task, optimizer: state.optimizer, random: state.random };
  }

  /** Runs training; `isFit`: an abort leaves the epochs run as `history` (fit's, not partialFit's). */
  async #train(state: Fitted, source: SampleSource, options: TrainOptions, { onEpoch, signal }: FitOptions, isFit = false): Promise<History> {
    signal?.throwIfAborted();
    // A device backend keeps results on the GPU: the asynchronous loop reads them back once per epoch.
    const onDevice = state.network.backend.read !== undefined;
    const run = onDevice ? trainAsync(state.network, source, options) : train(state.network, source, options);
    const done: EpochEvent[] = [];
    const started = performance.now();
    try {
      for (;;) {
        const next = await run.next();
        if (next.done === true) return next.value;
        if (next.value.type !== 'epoch') continue;
        done.push(next.value);
        // An async callback is awaited, so its rejection rejects fit (not an unhandled rejection) and its work ends before the next epoch.
        const called = onEpoch?.(next.value);
        if (isThenable(called)) await called;
        if (signal?.aborted === false) await yieldToEventLoop();
        if (signal?.aborted === true) {
          // The epochs run stay readable in `history`, as the weights they left stay in the model.
          if (isFit) this.history = { task: this.task, epochs: done, stopReason: 'aborted', bestEpoch: undefined, seconds: (performance.now() - started) / 1000 };
          signal.throwIfAborted();
        }
      }
    } finally {
      state.meta = { ...state.meta, trainedEpochs: (state.meta.trainedEpochs ?? 0) + done.length };
      writeMetadata(state.network, this.kind, state.meta);
      if (onDevice) await this.#refreshHost(state);
    }
  }

  /** Replaces the CPU copy of a device network by one of its current weights (trainAsync leaves them read back on the host). */
  async #refreshHost(state: Fitted): Promise<void> {
    const copy = state.network.clone({ backend: await loadDefaultBackend() });
    if (state.host !== state.network) state.host.dispose();
    state.host = copy;
  }
}

/** Refuses a validationSplit that holds out no row of `rows` (validation-rows.ts). */
function checkValidationRows(rows: number, split: number, earlyStopping: boolean): void {
  const problem = emptyValidationProblem(rows, split, 'validationSplit', 'fit', earlyStopping);
  if (problem !== undefined) throw new UsageError(problem);
}

/** Refuses y that is not an array, or whose length is not X's row count. */
function checkTargets(x: AnyFeatureInput, y: readonly RawCell[]): void {
  if (!Array.isArray(y)) throw new UsageError('y must be an array of targets');
  if (rowCount(x) !== y.length) throw new UsageError(`X has ${rowCount(x)} rows but y has ${y.length} targets`);
}

/** Lets timers and events (an abort) run between epochs. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
