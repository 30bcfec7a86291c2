/**
 * The training loop, off the UI thread: pulls mini-batch steps from the library's `train()`
 * generator and posts a snapshot (weights, losses, layer health, speed) after each tick. The 2-D
 * run is paced: `stepsPerFrame` steps every 1/60 s (a learner can watch), or, at 'max', slices of
 * about 15 ms back to back. The page draws only the latest snapshot, at most once per frame.
 * With the GPU engine (gpu-run.ts) a 2-D run trains epoch by epoch on WebGPU, asynchronously,
 * paced to the same steps per frame on average, with one snapshot per epoch.
 */
import { evaluateDigits } from './digits-eval.js';
import { loadDigits } from './digits-fetch.js';
import { GpuRun, workerGpu } from './gpu-run.js';
import { prepareJob, type PreparedJob } from './jobs.js';
import { layerStats } from './layer-stats.js';
import type { FromWorker, Job, ToWorker } from './protocol.js';
import { evaluateSamples, matrixSource, train, type Backend, type History, type TrainEvent } from '../src/index.js';

/** The slice of the worker scope this file uses (the DOM lib types `self` as a window). */
const scope = globalThis as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

const SLICE_MS = 15;
const FRAME_MS = 1000 / 60;
/** A paced run that fell behind (a busy machine, a hidden tab) catches up at most this many frames. */
const MAX_CATCH_UP_FRAMES = 4;
/** Digits: evaluate on the test set after this many training samples. */
const DIGITS_EVAL_EVERY = 1000;

interface Session {
  readonly id: number;
  readonly kind: Job['kind'];
  readonly job: PreparedJob;
  readonly run: Generator<TrainEvent, History>;
  /** The GPU engine's run (2-D only), which then trains instead of `run`. */
  readonly gpu: GpuRun | undefined;
  /** Whether a GPU tick is in flight (play then starts no second one; steps queue behind it in GpuRun). */
  gpuPumping: boolean;
  epoch: number;
  samples: number;
  /** Losses not yet posted. */
  trainLoss: number[];
  testLoss: number[];
  /** Whether the page must get the model file with the next snapshot. */
  modelDirty: boolean;
  lossSum: number;
  lossCount: number;
  sinceEval: number;
  testAccuracy?: number;
  mistakes?: ReturnType<typeof evaluateDigits>['mistakes'];
  speed: number;
  /** Wall-clock seconds spent playing (evaluations and paced waits included), for the speed. */
  playedSeconds: number;
  /** When the current play began (performance.now()), or undefined while paused. */
  playingSince: number | undefined;
}

/** Everything the worker holds: one session, whether it plays, and at what pace. */
const state: {
  session: Session | undefined;
  running: boolean;
  /** Counts configure messages, so a job prepared after a newer one arrived is dropped. */
  generation: number;
  /** 2-D steps per frame, or null for as fast as possible. */
  stepsPerFrame: number | null;
  /** When the next paced tick is due (performance.now()). */
  nextTick: number;
  /** The pending timer of the loop, so that play never starts a second one. */
  timer: ReturnType<typeof setTimeout> | undefined;
} = { session: undefined, running: false, generation: 0, stepsPerFrame: 2, nextTick: 0, timer: undefined };

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'configure') {
    state.running = false;
    const mine = ++state.generation;
    if (message.job.kind === 'digits') post({ type: 'status', text: 'loading 10,000 digits…' });
    const wantsGpu = message.job.kind === '2d' && message.job.settings.engine === 'gpu';
    prepareJob(message.job, message.model, loadDigits).then(
      async (job) => {
        const gpu = wantsGpu ? await workerGpu() : undefined;
        // The worker's wasm memory never shrinks: models it is done with give theirs back.
        if (mine !== state.generation) return job.model.dispose();
        if (gpu !== undefined && 'reason' in gpu) post({ type: 'notice', text: `GPU unavailable, training on the CPU: ${gpu.reason}` });
        const previous = state.session;
        state.session = start(message.id, message.job.kind, job, gpu !== undefined && 'backend' in gpu ? gpu.backend : undefined);
        if (previous?.gpu !== undefined) previous.gpu.dispose();
        else previous?.job.model.dispose();
        if (state.session.kind === 'digits') evaluate(state.session);
        snapshot(state.session);
      },
      (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  } else if (message.type === 'speed') {
    state.stepsPerFrame = message.stepsPerFrame;
    state.nextTick = performance.now();
  } else if (message.type === 'play') {
    if (state.session !== undefined && !state.running) state.session.playingSince = performance.now();
    state.running = true;
    state.nextTick = performance.now();
    schedule(0);
  } else if (message.type === 'pause') {
    state.running = false;
    if (state.session !== undefined) {
      stopClock(state.session);
      snapshot(state.session);
    }
  } else if (state.session !== undefined) {
    state.running = false;
    const { session } = state;
    stopClock(session);
    // One epoch (2-D) or 1,000 samples (digits).
    if (session.gpu !== undefined) void gpuEpoch(session, session.gpu).then(() => state.session === session && snapshot(session));
    else if (session.kind === '2d') advanceEpoch(session);
    else advance(session, DIGITS_EVAL_EVERY);
    if (session.gpu === undefined) snapshot(session);
  }
};

function start(id: number, kind: Job['kind'], job: PreparedJob, gpuBackend: Backend | undefined): Session {
  const options = { ...job.options, ...(kind === '2d' ? { validationData: job.test } : {}) };
  const run = train(job.model, job.train, options);
  const gpu = gpuBackend === undefined ? undefined : new GpuRun(job.model, gpuBackend, job.train, options);
  const session: Session = { id, kind, job, run, gpu, gpuPumping: false, epoch: 0, samples: 0, trainLoss: [], testLoss: [], lossSum: 0, lossCount: 0, sinceEval: 0, speed: 0, playedSeconds: 0, playingSince: undefined, modelDirty: true };
  if (kind === '2d') {
    // Epoch 0: the losses of the starting weights, so curves start where training starts.
    const how = { loss: job.options.loss!, task: job.options.task! } as const;
    session.trainLoss.push(evaluateSamples(job.model, matrixSource(job.train), how).loss);
    session.testLoss.push(evaluateSamples(job.model, matrixSource(job.test), how).loss);
  }
  return session;
}

function schedule(delay: number): void {
  if (state.timer !== undefined) return;
  state.timer = setTimeout(() => {
    state.timer = undefined;
    pump();
  }, delay);
}

/** One tick: a paced frame's steps or a 15 ms slice; posts a snapshot and schedules the next tick while playing. */
function pump(): void {
  const current = state.session;
  if (!state.running || current === undefined) return;
  if (current.gpu !== undefined) return void pumpGpu(current, current.gpu);
  const begin = performance.now();
  const paced = current.kind === '2d' ? state.stepsPerFrame : null;
  if (paced === null) {
    while (state.running && performance.now() - begin < SLICE_MS) advance(current, 1);
  } else {
    if (begin - state.nextTick > MAX_CATCH_UP_FRAMES * FRAME_MS) state.nextTick = begin;
    while (state.running && state.nextTick <= begin) {
      advance(current, paced);
      state.nextTick += FRAME_MS;
    }
  }
  updateSpeed(current);
  if (!state.running) stopClock(current);
  snapshot(current);
  if (state.running) schedule(paced === null ? 0 : Math.max(0, state.nextTick - performance.now()));
}

/** Speed over all the time played so far: a single slice that ran a test evaluation would read far too low. */
function updateSpeed(current: Session): void {
  const played = current.playedSeconds + (performance.now() - (current.playingSince ?? performance.now())) / 1000;
  current.speed = current.samples / Math.max(played, 1e-6);
}

/** A GPU tick: one epoch on the device, its snapshot, and the next tick when the speed's steps per frame would have taken that epoch. */
async function pumpGpu(current: Session, gpu: GpuRun): Promise<void> {
  if (current.gpuPumping) return;
  current.gpuPumping = true;
  const begin = performance.now();
  await gpuEpoch(current, gpu);
  current.gpuPumping = false;
  if (state.session !== current) return;
  updateSpeed(current);
  if (!state.running) stopClock(current);
  snapshot(current);
  const paced = state.stepsPerFrame;
  const steps = Math.ceil(current.job.train.x.rows / (current.job.options.batchSize === 'full' ? current.job.train.x.rows : (current.job.options.batchSize ?? 32)));
  if (state.running) schedule(paced === null ? 0 : Math.max(0, begin + (steps / paced) * FRAME_MS - performance.now()));
}

/** Trains one epoch on the GPU and books it (the weights are then in the CPU model); an error stops the run with its line. */
async function gpuEpoch(current: Session, gpu: GpuRun): Promise<void> {
  try {
    const event = await gpu.epoch();
    if (event === undefined) {
      if (state.session === current) state.running = false;
      return;
    }
    current.epoch = event.epoch;
    current.samples += current.job.train.x.rows;
    current.trainLoss.push(event.loss);
    current.testLoss.push(event.validationLoss ?? Number.NaN);
  } catch (error) {
    if (state.session !== current) return;
    state.running = false;
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

/** Books the time played since the last play. */
function stopClock(current: Session): void {
  if (current.playingSince === undefined) return;
  current.playedSeconds += (performance.now() - current.playingSince) / 1000;
  current.playingSince = undefined;
}

/** Takes `count` mini-batch steps (an epoch's end is read with the step that ends it). */
function advance(current: Session, count: number): void {
  for (let i = 0; i < count; i++) {
    const event = nextEvent(current);
    if (event === undefined) return;
    if (event.type === 'batch' && event.batch === event.batches && current.kind === '2d') nextEvent(current);
  }
}

/** Steps to the end of the current epoch. */
function advanceEpoch(current: Session): void {
  for (;;) {
    const event = nextEvent(current);
    if (event === undefined || event.type === 'epoch') return;
  }
}

/** Pulls one event and books it; undefined when training has finished. */
function nextEvent(current: Session): TrainEvent | undefined {
  const next = current.run.next();
  if (next.done === true) {
    state.running = false;
    return undefined;
  }
  const event = next.value;
  if (event.type === 'epoch') {
    current.epoch = event.epoch;
    if (current.kind === '2d') {
      current.trainLoss.push(event.loss);
      current.testLoss.push(event.validationLoss ?? Number.NaN);
    }
    return event;
  }
  current.samples += event.rows;
  if (current.kind === 'digits') {
    current.lossSum += event.loss;
    current.lossCount++;
    if (++current.sinceEval >= DIGITS_EVAL_EVERY) evaluate(current);
  }
  return event;
}

function evaluate(current: Session): void {
  const result = evaluateDigits(current.job.model, current.job.test, current.job.testDigits!);
  current.testAccuracy = result.accuracy;
  current.mistakes = result.mistakes;
  current.testLoss.push(result.loss);
  current.trainLoss.push(current.lossCount === 0 ? result.loss : current.lossSum / current.lossCount);
  current.lossSum = 0;
  current.lossCount = 0;
  current.sinceEval = 0;
  current.modelDirty = true;
}

function snapshot(current: Session): void {
  const { model } = current.job;
  const withModel = current.modelDirty || !state.running;
  current.modelDirty = false;
  const plane = current.kind === '2d';
  post({
    type: 'snapshot',
    id: current.id,
    kind: current.kind,
    backend: current.gpu?.backendName ?? model.backend.name,
    ...(withModel ? { model: model.toJSON() } : {}),
    ...(plane ? { weights: model.layers.map((l) => ({ W: l.W.data.slice() as Float32Array, b: l.b === null ? null : (l.b.data.slice() as Float32Array) })) } : {}),
    ...(plane ? { layers: layerStats(model, current.job.train, current.job.options.loss!) } : {}),
    epoch: current.epoch,
    samples: current.samples,
    samplesPerSecond: current.speed,
    trainLoss: current.trainLoss.splice(0),
    testLoss: current.testLoss.splice(0),
    ...(current.testAccuracy === undefined ? {} : { testAccuracy: current.testAccuracy }),
    ...(current.mistakes === undefined ? {} : { mistakes: current.mistakes }),
    running: state.running,
  });
}

function post(message: FromWorker): void {
  scope.postMessage(message);
}
