/**
 * Wake-up cost of the wasm backend's worker threads, in two measurements (medians of many
 * repetitions; on a shared or loaded machine the spread is wide, so compare medians only):
 *
 * 1. notify → start: a probe worker runs the pool's wait protocol (poll the sequence word for
 *    `spin` µs, then Atomics.wait) and answers on an ack word the moment it sees the new
 *    sequence; the main thread, polling the ack, times notify → ack on its own clock (so this is
 *    the wake-up plus one cache-line round trip). spin 0 is the old sleep-only worker;
 *    SPIN_MICROS is today's.
 * 2. A W1-sized split product (64x784 · 784x128, 12.8 MFLOP) on the real backend with 2 threads,
 *    timed per call after the main thread has been busy for a gap of 0, 20 µs or 2 ms (after
 *    2 ms the workers have gone back to sleep).
 *
 * Run: node --experimental-wasm-relaxed-simd --import tsx bench/wake-latency.ts [repetitions]
 */
import { Worker } from 'node:worker_threads';
import { createWasmBackend } from '../src/backend/wasm.js';
import { SPIN_MICROS } from '../src/backend/wasm/threads.js';
import { Random } from '../src/random.js';

const repetitions = Number(process.argv[2] ?? 400);

const PROBE = `
const { workerData } = require('node:worker_threads');
const { words, spin } = workerData;
const sync = new Int32Array(words);
let seen = 0;
for (;;) {
  let sequence = Atomics.load(sync, 0);
  if (sequence === seen && spin > 0) {
    const until = performance.now() + spin / 1000;
    while ((sequence = Atomics.load(sync, 0)) === seen && performance.now() < until);
  }
  if (sequence === seen) { Atomics.wait(sync, 0, seen); continue; }
  if (sequence < 0) break;
  seen = sequence;
  Atomics.store(sync, 1, seen);
}
`;

function busy(micros: number): void {
  const until = performance.now() + micros / 1000;
  while (performance.now() < until);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median µs from Atomics.notify to the probe worker seeing the new sequence word. */
async function notifyToStart(spin: number, gapMicros: number): Promise<number> {
  const words = new SharedArrayBuffer(8);
  const sync = new Int32Array(words);
  const worker = new Worker(PROBE, { eval: true, workerData: { words, spin } });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const delays: number[] = [];
  for (let r = 1; r <= repetitions + 10; r++) {
    busy(gapMicros);
    const sent = performance.now();
    Atomics.store(sync, 0, r);
    Atomics.notify(sync, 0, 1);
    while (Atomics.load(sync, 1) !== r);
    if (r > 10) delays.push((performance.now() - sent) * 1000);
  }
  Atomics.store(sync, 0, -1);
  Atomics.notify(sync, 0, 1);
  await worker.terminate();
  return median(delays);
}

/** Median µs of one W1-sized product on `threads` threads after the main thread was busy for `gapMicros`. */
function productTime(gapMicros: number, threads: number): number {
  const backend = createWasmBackend({ threads });
  const random = new Random(1);
  const fill = (rows: number, cols: number) => {
    const m = backend.allocate(rows, cols, 'float32');
    for (let i = 0; i < m.data.length; i++) m.data[i] = random.uniform(-1, 1);
    return m;
  };
  const a = fill(64, 784);
  const b = fill(784, 128);
  const c = backend.allocate(64, 128, 'float32');
  busy(200_000); // let the workers start
  const times: number[] = [];
  for (let r = 0; r < repetitions + 10; r++) {
    busy(gapMicros);
    const t0 = performance.now();
    backend.matmul(a, b, c);
    if (r >= 10) times.push((performance.now() - t0) * 1000);
  }
  backend.close();
  return median(times);
}

console.log(`wake latency, medians of ${repetitions} repetitions (shared machine: compare medians, not single runs)`);
for (const gap of [20, 2000]) {
  console.log(`notify → start after a ${gap} µs gap: sleep only ${(await notifyToStart(0, gap)).toFixed(1)} µs, spin ${SPIN_MICROS} µs then sleep ${(await notifyToStart(SPIN_MICROS, gap)).toFixed(1)} µs`);
}
for (const gap of [0, 20, 2000]) {
  const one = productTime(gap, 1).toFixed(1);
  console.log(`64x784·784x128 after a ${gap} µs gap: ${productTime(gap, 2).toFixed(1)} µs per product on 2 threads, ${one} on 1`);
}
