/**
 * A pool of worker threads over the kernel module's shared memory. The main thread splits a
 * large product into row blocks ("chunks"), wakes the ready workers (Atomics.notify), and every
 * thread, the main one included, claims chunks one at a time with a compare-and-swap on a shared
 * claim word until none is left; the main thread then sleeps in Atomics.wait until the chunks
 * others claimed are done. Waiting is spin, then sleep: a worker with no chunk left, and the
 * main thread waiting for the others' chunks, poll their word for up to SPIN_MICROS before
 * Atomics.wait, so products that follow each other closely (a training step's forward and
 * weight-gradient products) do not pay a wake-up each, and an idle pool is asleep within
 * SPIN_MICROS of its last product. A worker that wakes late (its core busy with another
 * process) simply finds fewer chunks, so a split product is never much slower than one thread.
 * Workers start in the background; until one has said it is ready, work stays on the main thread.
 *
 * Node-only modules are reached through `process.getBuiltinModule`, so browser bundles never
 * load them; in browsers, workers come from a Blob URL (and only where Atomics.wait is allowed,
 * i.e. not on a page's main thread).
 */
import { POOL_CLAIM, POOL_DONE, SYNC_FAILED, SYNC_READY, SYNC_SEQUENCE, SYNC_WORDS } from './sync-layout.js';
import { WORKER_SOURCE } from './worker.js';

/**
 * Products below this many floating-point operations (2·m·n·k) stay on one thread. Measured on
 * this project's VM, where a sleeping worker starts ~90 µs after Atomics.notify (one thread vs
 * two, 50 µs between calls so the worker is asleep each time, scratch/-style microbenchmark):
 * 4.2 MFLOP products take 101-124 µs either way (a split even lost 17% on 32x256x256's weight
 * update), 8.4 MFLOP ones 200-208 µs on one thread and 158-179 on two, 12.8 MFLOP (W1)
 * ~300 vs ~200. The split pays from about 6 MFLOP; on bare metal, where waking costs a few
 * microseconds, it would pay earlier. This is the only place the threshold lives.
 */
export const PARALLEL_MIN_FLOPS = 6_000_000;

/**
 * Element-wise optimiser updates (Adam) below this many elements stay on one thread: Adam costs
 * about 0.6 ns per element here (a square root and a division each), so a split pays from ~40 µs.
 */
export const PARALLEL_MIN_ELEMENTS = 65_536;

/**
 * Per-sample fused update-forward steps (Dispatcher.updateForward) on weight matrices below this
 * many weights (800 KB of float32) stay on one thread. Such steps come one per sample, a few
 * tens of µs apart, so the workers are still polling (SPIN_MICROS) when the next one comes: no
 * wake-up to pay. But while W fits one core's cache, the step is bound by that cache's traffic
 * and two threads gained nothing here (784 x 200: 20 µs a step on one thread or two, each
 * thread's half taking as long as the whole); past it, each thread's columns stay in its own
 * core's cache: 784 x 300 1.1-1.4×, 784 x 512 1.4-1.5×, 1024 x 1024 1.8× (bench of 2026-12-03).
 */
export const PARALLEL_MIN_WEIGHTS = 200_000;

/**
 * How long (µs) a waiting thread polls before it sleeps in Atomics.wait. A wake-up from
 * Atomics.wait costs 10-130 µs on this project's VM (bench/wake-latency.ts: medians of 10-50 µs
 * on a loaded machine, 75-130 µs in DESIGN.md's earlier measurements); a polling thread answers
 * in under a microsecond. Within a W1 step the split products come a few tens of µs apart, so
 * 50 µs catches them. Longer is worse where the two threads share a core with other processes:
 * the scheduler then runs a woken thread only after the poller's extra CPU time is made up, so a
 * 200 µs spin made notify → start ~220 µs and W1 slower (1.0-1.7 s against 0.7-0.9 s, medians of
 * 5 epochs on a machine shared with six other jobs). The pool is asleep 50 µs after its last product.
 */
export const SPIN_MICROS = 50;

/** One worker's handle as the pool sees it. */
interface PoolWorker {
  terminate(): void;
}

export interface ThreadPool {
  /** Workers started (the main thread is not counted). */
  readonly workers: number;
  /** How many workers are ready now (they are used in slot order). */
  ready(): number;
  /** Call before rewriting the job blocks: closes the previous job to late claims. */
  begin(): void;
  /**
   * Runs chunks 0..chunks-1 of the job now in the job records (JOB_CHUNKS: chunk count, JOB_CHUNK_SIZE: rows per
   * chunk): wakes workers 0..helpers-1, claims chunks on this thread too (`runOwn(chunk)`), and
   * returns once every chunk is done, or with `later` once this thread has no chunk left (then
   * `settle` waits for the rest: the caller may do other work meanwhile). `pinned` (the job's
   * JOB_PINNED, with chunks = helpers + 1): this thread runs chunk 0 and worker w chunk w + 1.
   */
  run(helpers: number, chunks: number, runOwn: (chunk: number) => void, later?: boolean, pinned?: boolean): void;
  /**
   * After `run(..., later = true)`, which returns once this thread's chunks are done: waits for
   * the others' (no-op otherwise). `begin` and `run` settle first, so job blocks are never
   * rewritten under a worker.
   */
  settle(): void;
  /** Asks the workers to exit. */
  close(): void;
}

interface NodeWorkerThreads {
  Worker: new (source: string, options: { eval: true }) => PoolWorker & {
    postMessage(message: unknown): void;
    unref(): void;
  };
}

/** Number of logical cores: os.availableParallelism in Node, navigator.hardwareConcurrency in browsers. */
export function defaultThreadCount(): number {
  const os = nodeBuiltin<{ availableParallelism?: () => number; cpus: () => unknown[] }>('os');
  if (os !== undefined) return os.availableParallelism?.() ?? os.cpus().length;
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return cores !== undefined && cores > 0 ? cores : 1;
}

/**
 * Starts `workers` threads on `module` + shared `memory`. `control` is the byte offset of the
 * sync words (sync-layout.ts): SYNC_WORDS per worker, then as many again for the pool's claim
 * and done words; `jobs[i]` is worker i's job block. Returns undefined where threads are unavailable.
 */
export function createThreadPool(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  control: number,
  jobs: readonly number[],
): ThreadPool | undefined {
  if (jobs.length === 0 || !canBlock()) return undefined;
  const spawn = workerFactory();
  if (spawn === undefined) return undefined;
  const sync = new Int32Array(memory.buffer);
  const base = (slot: number): number => (control >> 2) + slot * SYNC_WORDS;
  const claimIndex = base(jobs.length) + POOL_CLAIM;
  const doneIndex = base(jobs.length) + POOL_DONE;
  const sequences = jobs.map(() => 0);
  const handles = jobs.map((job, slot) => spawn({ module, memory, control, slot, job, pool: base(jobs.length), spinMicros: SPIN_MICROS }));
  let readyCount = 0;
  let job = 0;
  let pending = 0; // chunks of a run that returned early, or 0
  const settle = (): void => {
    if (pending === 0) return;
    spinUntil(() => Atomics.load(sync, doneIndex) >= pending, SPIN_MICROS);
    for (let done = Atomics.load(sync, doneIndex); done < pending; done = Atomics.load(sync, doneIndex)) {
      Atomics.wait(sync, doneIndex, done);
    }
    pending = 0;
    for (let w = 0; w < handles.length; w++) {
      if (Atomics.exchange(sync, base(w) + SYNC_FAILED, 0) !== 0) throw new Error(`wasm backend: worker ${w + 1} failed on its part of a product`);
    }
  };
  return {
    workers: handles.length,
    ready() {
      while (readyCount < handles.length && Atomics.load(sync, base(readyCount) + SYNC_READY) === 1) readyCount++;
      return readyCount;
    },
    settle,
    begin() {
      settle();
      // A new job number with no chunk left: a worker still looking at the previous job fails its claim.
      job = (job + 1) & 0x7fff;
      Atomics.store(sync, claimIndex, (job << 16) | 0xffff);
    },
    run(helpers, chunks, runOwn, later = false, pinned = false) {
      settle();
      Atomics.store(sync, doneIndex, 0);
      Atomics.store(sync, claimIndex, job << 16);
      for (let w = 0; w < helpers; w++) {
        sequences[w] = sequences[w]! + 1;
        Atomics.store(sync, base(w) + SYNC_SEQUENCE, sequences[w]!);
        Atomics.notify(sync, base(w) + SYNC_SEQUENCE, 1);
      }
      if (pinned) {
        runOwn(0);
        Atomics.add(sync, doneIndex, 1);
      } else {
        for (;;) {
          const word = Atomics.load(sync, claimIndex);
          const chunk = word & 0xffff;
          if (chunk >= chunks) break;
          if (Atomics.compareExchange(sync, claimIndex, word, word + 1) !== word) continue;
          runOwn(chunk);
          Atomics.add(sync, doneIndex, 1);
        }
      }
      pending = chunks;
      if (!later) settle();
    },
    close() {
      settle();
      for (let w = 0; w < handles.length; w++) {
        Atomics.store(sync, base(w) + SYNC_SEQUENCE, -1);
        Atomics.notify(sync, base(w) + SYNC_SEQUENCE, 1);
      }
    },
  };
}

type StartMessage = {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: number;
  slot: number;
  job: number;
  pool: number;
  spinMicros: number;
};

/** Polls `done` for up to `micros` µs; true as soon as it holds, false when the time ran out. */
function spinUntil(done: () => boolean, micros: number): boolean {
  if (done()) return true;
  const until = performance.now() + micros / 1000;
  while (performance.now() < until) if (done()) return true;
  return false;
}

function workerFactory(): ((message: StartMessage) => PoolWorker) | undefined {
  const threads = nodeBuiltin<NodeWorkerThreads>('worker_threads');
  if (threads !== undefined) {
    return (message) => {
      const worker = new threads.Worker(WORKER_SOURCE, { eval: true });
      worker.unref();
      worker.postMessage(message);
      return worker;
    };
  }
  if (typeof Worker !== 'function' || typeof Blob !== 'function') return undefined;
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  return (message) => {
    const worker = new Worker(url);
    worker.postMessage(message);
    return worker;
  };
}

/** True where this thread may sleep in Atomics.wait (not a browser page's main thread). */
function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

function nodeBuiltin<T>(name: string): T | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return process?.getBuiltinModule?.(`node:${name}`) as T | undefined;
}

/**
 * Why worker threads cannot start here (one line), or undefined where they can. `sharedMemory`:
 * whether the module's memory could be made shared.
 */
export function threadsUnavailableReason(sharedMemory: boolean): string | undefined {
  if (!sharedMemory) {
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
    if (isolated === false) return 'the page is not cross-origin isolated (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp), so SharedArrayBuffer is unavailable';
    return 'this engine has no shared WebAssembly memory (SharedArrayBuffer)';
  }
  if (!canBlock()) return "this thread may not wait in Atomics.wait (a browser page's main thread): create the backend in a Web Worker";
  if (workerFactory() === undefined) return 'this engine has no worker threads';
  return undefined;
}
