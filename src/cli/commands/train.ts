/**
 * `backprop train <dataset|file.csv|idx-dir>`: loads and preprocesses the data, builds and
 * trains a network with progress, evaluates it on the train and test parts, and leaves a
 * run folder. `trainCommand` is the library call; `registerTrain` the thin commander layer.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../../errors/usage-error.js';
import type { Command } from 'commander';
import { inputSize, sampleCount } from '../../data/dataset.js';
import { preparedInputSize, preparedSource } from '../../data/preprocessing.js';
import type { Preprocessing } from '../../data/preprocessing.js';
import { saveModel } from '../../io/model-file.js';
import { writeProblem } from '../../io/write-error.js';
import { refuseOverwritingInput } from '../same-file.js';
import { BackpropError } from '../../errors/backprop-error.js';
import type { Mlp } from '../../nn/mlp.js';
import { defaultLossFor } from '../../train/evaluate.js';
import { TRAINING_DEFAULTS } from '../../train/defaults.js';
import type { LossName } from '../../math/losses.js';
import { TrainingDivergedError } from '../../train/errors.js';
import { fit, type History, type TrainEvent } from '../../train/train.js';
import { fitAsync } from '../../train/train-async.js';
import { emptyValidationProblem } from '../../train/validation-rows.js';
import type { Backend } from '../../backend/backend.js';
import { getDefaultBackend } from '../../backend/default.js';
import type { WebGpuBackend } from '../../backend/webgpu/webgpu-backend.js';
import { checkDataPathFlag, csvReading, fitDefaults, loadParts, type LoadedParts } from '../data.js';
import { checkOutputSetup } from '../output-check.js';
import { fileIdentity } from '../data-identity.js';
import { describeColumns } from '../column-summary.js';
import { checkTrainingPart } from '../train-part-checks.js';
import { evaluatePart, headline } from '../evaluation.js';
import { STEP_CURVE_MAX_EPOCHS, StepCurveCollector } from '../step-curve.js';
import { abandonStaging, completeRunFolder, defaultRunFolder, makeStagingFolder, writeRunFiles } from '../run-folder.js';
import { buildModel, optimizerFor, trainOptionsFor, type TrainCommandOptions } from './train-config.js';
import { addTrainOptions, commandToTrainOptions } from './train-flags.js';
import { humanStream, printTrainReport, reporterFor, type CliIo } from '../io.js';
import { readProgress } from '../progress-line.js';
import { withSignalsHeld } from '../held-signals.js';
import { refuseOtherFormatName } from '../../io/model-file-name.js';
import { shellWord } from '../../errors/shell-word.js';

export type { TrainCommandOptions } from './train-config.js';
import type { TrainResult, TrainRun } from './train-result.js';

export type { HistoryEntry, TrainResult, TrainRun } from './train-result.js';

/** Fails before training if `--save` or `--out` cannot be written. */
function checkWritable(options: TrainCommandOptions): void {
  if (options.save !== undefined) {
    for (const input of [options.dataset, options.dataPath]) if (input !== undefined) refuseOverwritingInput(options.save, input, '--save', 'the training data');
    const save = options.save;
    refuseOtherFormatName(save, `--save ${save}`, (json, format) => `for ${format === 'onnx' ? 'ONNX' : 'a predict module'}, export the saved model: backprop export ${shellWord(json)} -o ${shellWord(save)}`);
    const dir = dirname(options.save);
    try {
      if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
      accessSync(dir, constants.W_OK);
      if (statSync(options.save, { throwIfNoEntry: false })?.isDirectory() === true) throw Object.assign(new Error(), { code: 'EISDIR' });
    } catch (error) {
      throw new BackpropError(`cannot write model file ${options.save}: ${writeProblem(options.save, error)}`);
    }
  }
}

/** Trains a network as `backprop train` does and returns the result and the model. */
export async function trainCommand(options: TrainCommandOptions): Promise<TrainRun> {
  checkDataPathFlag(options.dataset, options.dataPath, options.download);
  checkWritable(options);
  // The engine's worker threads start now and boot while the data loads (until they are ready,
  // training would run its first batches on the main thread alone).
  if (options.backend === undefined || options.backend === 'default') getDefaultBackend();
  const parts = await loadParts({ ...options, ...(options.onNotice === undefined ? {} : { onNote: options.onNotice }) });
  if (parts.train.task === 'classification' && (options.targets ?? []).length > 0) {
    throw new UsageError(`--targets transforms regression targets, but ${parts.name} is a classification task (its targets are classes); leave --targets out, or use --one-hot OFF,ON for the class targets`);
  }
  checkTrainingPart(parts.train, parts.name, options.onNotice);
  const noValidation = emptyValidationProblem(sampleCount(parts.train), options.validationSplit ?? 0, '--validation-split', 'training', options.earlyStopping !== undefined, 'training ');
  if (noValidation !== undefined) throw new UsageError(`${parts.name}: ${noValidation}`);
  const prep = fitDefaults(parts.train, {
    ...(options.inputs === undefined ? {} : { inputs: options.inputs }),
    ...(options.targets === undefined ? {} : { targets: options.targets }),
    ...(options.oneHot === undefined ? {} : { oneHot: options.oneHot }),
    ...(options.missing === undefined ? {} : { missing: options.missing }),
    ...(options.unknownCategory === undefined ? {} : { unknownCategory: options.unknownCategory }),
  });
  // --backend webgpu: trained on the GPU (fitAsync), then evaluated, saved and drawn from a CPU copy.
  const gpu = options.backend === 'webgpu' ? await (await import('../../backend/webgpu/webgpu-backend.js')).createWebGpuBackend() : undefined;
  let model = buildModel(options, parts.train, preparedInputSize(prep, inputSize(parts.train)), gpu);
  const loss = options.loss ?? defaultLossFor(model);
  const task = prep.task;
  const usesOneHot = task === 'classification' && parts.train.targets === undefined;
  checkOutputSetup({ activation: model.outputLayer.activation, loss, task, outputs: model.outputSize, ...(usesOneHot ? { oneHot: prep.oneHot } : {}) });
  const taskReason = parts.train.taskReason ?? `${parts.name} is a built-in ${task} data set`;
  options.onNotice?.(`task: ${task} (${taskReason})`);
  const columns = describeColumns(prep);
  if (columns !== undefined) options.onNotice?.(columns);
  const folder = options.out === false ? undefined : (options.out ?? defaultRunFolder(parts.name));
  // A run folder that cannot be made fails now, before training; the staging folder itself is
  // made only when the run is written, so an interrupted training (Ctrl-C) leaves none behind.
  if (folder !== undefined) abandonStaging(makeStagingFolder(folder));
  return await trainInto(options, { parts, prep, model, loss, folder, gpu, taskReason });
}

/** The part of trainCommand after the set-up: train, evaluate, save and fill the run folder (through a staging folder made then). */
async function trainInto(
  options: TrainCommandOptions,
  setup: { parts: LoadedParts; prep: Preprocessing; model: Mlp; loss: LossName; folder: string | undefined; gpu: WebGpuBackend | undefined; taskReason: string },
): Promise<TrainRun> {
  const { parts, prep, loss, folder, gpu, taskReason } = setup;
  let model = setup.model;
  const task = prep.task;
  // Short runs also keep a per-step loss curve (terminal chart and training-curves picture).
  const epochs = options.epochs ?? TRAINING_DEFAULTS.epochs;
  const steps = epochs < STEP_CURVE_MAX_EPOCHS ? new StepCurveCollector(epochs) : undefined;
  const onEvent = (event: TrainEvent) => {
    if (event.type === 'batch') steps?.add(event.batches, event.rows, event.loss);
    options.onEvent?.(event);
  };
  const batchEvents = (options.batchEvents ?? true) || steps !== undefined;
  const trainOptions = { ...trainOptionsFor({ ...options, batchEvents }, loss), task, onEvent };
  describeModel(model, options, parts, prep, loss);
  let history;
  try {
    history = gpu === undefined ? fit(model, preparedSource(parts.train, prep), trainOptions) : await fitAsync(model, preparedSource(parts.train, prep), { ...trainOptions, lossEvery: 20 });
  } catch (error) {
    if (error instanceof TrainingDivergedError && options.save !== undefined) {
      await saveModel(model, options.save);
      error.message += ` (saved to ${options.save})`;
    }
    throw error;
  }
  model.metadata.trainedEpochs = history.epochs.length;
  if (gpu !== undefined) {
    model = model.clone({ backend: getDefaultBackend() }); // fitAsync left the weights on the host too
    gpu.destroy();
  }
  const evaluations = { train: evaluatePart(model, parts.train, prep, loss), test: parts.test === undefined ? undefined : evaluatePart(model, parts.test, prep, loss) };
  const result: TrainResult = {
    dataset: parts.name,
    task,
    taskReason,
    layers: model.sizes,
    activations: model.layers.map((l) => l.activation),
    parameters: model.parameterCount,
    loss,
    optimizer: optimizerFor(options),
    batchSize: options.batchSize ?? TRAINING_DEFAULTS.batchSize,
    epochs: history.epochs.length,
    seconds: history.seconds,
    stopReason: history.stopReason,
    samples: { train: sampleCount(parts.train), test: parts.test === undefined ? 0 : sampleCount(parts.test) },
    train: headline(evaluations.train.metrics),
    test: evaluations.test === undefined ? null : headline(evaluations.test.metrics),
    history: history.epochs.map(({ type: _type, epochs: _epochs, ...rest }) => rest),
    model: options.save ?? null,
    runFolder: folder ?? null,
    files: [],
    engine: engineOf(gpu ?? setup.model.backend),
  };
  const written = [options.save, folder === undefined ? undefined : `the run folder ${folder}`].filter((w) => w !== undefined);
  const files = written.length === 0 ? [] : await withSignalsHeld(written.join(' and '), () => writeResults(options, model, folder, { result, history, evaluations, steps, parts, prep }));
  return { result: { ...result, files: files.map((f) => (folder === undefined ? f : join(folder, f))) }, model, preprocessing: prep, parts, evaluations, steps: steps?.curve };
}

/** Saves the model (--save) and fills the run folder; returns the run folder's file names. */
async function writeResults(
  options: TrainCommandOptions,
  model: Mlp,
  folder: string | undefined,
  run: { result: TrainResult; history: History; evaluations: TrainRun['evaluations']; steps: StepCurveCollector | undefined; parts: LoadedParts; prep: Preprocessing },
): Promise<string[]> {
  const { result, history, evaluations, steps, parts, prep } = run;
  if (options.save !== undefined) await saveModel(model, options.save);
  const files: string[] = [];
  if (folder !== undefined) {
    const metrics = { ...result, history: undefined, details: { train: evaluations.train.metrics, test: evaluations.test?.metrics ?? null } };
    const { writePictures } = await import('../pictures.js'); // plotting (and its PNG renderer) only for a run folder
    const stages = [
      { what: 'model, history and metrics', write: (dir: string) => writeRunFiles(dir, model, history.epochs, metrics) },
      { what: 'pictures', write: (dir: string) => writePictures(dir, { history: history.epochs, steps: steps?.curve, parts, prep, model, evaluations }) },
    ];
    const staging = makeStagingFolder(folder);
    try {
      for (const name of await completeRunFolder(folder, staging, stages)) files.push(name);
    } finally {
      abandonStaging(staging);
    }
  }
  return files;
}

/** The backend that trained, as the result reports it (threads and relaxedSimd where the backend has them, as the wasm one does). */
function engineOf(backend: Backend): TrainResult['engine'] {
  const { threads, relaxedSimd } = backend as { threads?: number; relaxedSimd?: boolean };
  return { backend: backend.name, threads: threads ?? 1, ...(relaxedSimd === undefined ? {} : { relaxedSimd }) };
}

/** Records in the model what predict and evaluate need: data set (and, for a file, which file: data-identity.ts), preprocessing, loss, task. */
function describeModel(model: Mlp, options: TrainCommandOptions, parts: LoadedParts, prep: Preprocessing, loss: string): void {
  const file = fileIdentity(options.dataset);
  model.metadata = {
    ...model.metadata,
    dataset: parts.name,
    task: prep.task,
    loss,
    classNames: prep.classNames,
    preprocessing: prep,
    source: {
      dataset: options.dataset,
      split: parts.split,
      ...(file === undefined ? {} : { file }),
      ...(options.target === undefined ? {} : { target: options.target }),
      ...(options.dataPath === undefined ? {} : { dataPath: options.dataPath }),
      ...csvReading(options),
    },
  };
}

/** Adds `train` to the program. */
export function registerTrain(program: Command, io: CliIo): void {
  const command = program
    .command('train')
    .description('train a network on a built-in data set, a CSV file or a directory of IDX files')
    .argument('<data>', 'iris, xor, or, worked-example, california-housing, mnist, fashion-mnist, file.csv or a directory');
  addTrainOptions(command).action(async (data: string, flags: Record<string, unknown>) => {
    const json = flags['json'] === true;
    const options = commandToTrainOptions(data, flags);
    const reporter = reporterFor(io, flags, options.epochs ?? TRAINING_DEFAULTS.epochs);
    try {
      const notice = (line: string) => humanStream(io, flags).write(`${line}\n`);
      const reading = io.interactive && flags['quiet'] !== true && !json ? { onReadProgress: readProgress(io.stderr, data) } : {};
      const run = await trainCommand({ ...options, ...reading, batchEvents: reporter.wantsBatches, onNotice: notice, onEvent: (e) => reporter.onEvent(e) });
      reporter.close();
      if (json) io.stdout.write(JSON.stringify(run.result) + '\n');
      else printTrainReport(io, run, flags);
    } finally {
      reporter.close();
    }
  });
}
