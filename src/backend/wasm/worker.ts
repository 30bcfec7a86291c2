import { JOB_BY_COLUMNS, JOB_CHUNK_SIZE, JOB_CHUNKS, JOB_COL_END, JOB_COL_START, JOB_M, JOB_N, JOB_PINNED, JOB_ROW_END, JOB_ROW_START } from '../job-layout.js';
import { POOL_CLAIM, POOL_DONE, SYNC_FAILED, SYNC_READY, SYNC_SEQUENCE, SYNC_WORDS } from './sync-layout.js';

/**
 * The worker's whole program, as plain JavaScript source, so that it starts the same way from
 * tsx, from dist/ and from a browser bundle (Node: `new Worker(source, {eval: true})`;
 * browsers: a Blob URL). It instantiates the kernel module on the shared memory, says it is
 * ready, then waits until the main thread bumps its sequence word: it polls the word for up to
 * `spinMicros` µs (threads.ts SPIN_MICROS), then sleeps in Atomics.wait. Awake, it
 * claims chunks of the current job (compare-and-swap on the pool's claim word, whose high bits
 * number the job and low bits count claimed chunks), runs each (`runJob(job)` on rows
 * [chunk·size, (chunk+1)·size) of the product described in its job record, JOB_CHUNKS and
 * JOB_CHUNK_SIZE giving the chunk count and size; columns instead of rows when JOB_BY_COLUMNS
 * is 1: slots of job-layout.ts; with JOB_PINNED 1 it runs chunk slot + 1 only, unclaimed), counts it in the done word and wakes the main thread
 * after the last one; when no chunk is left it waits again (spin, then sleep). A chunk that throws is counted as
 * done and flagged, so the main thread wakes and throws instead of waiting forever.
 *
 * Sync words (sync-layout.ts): SYNC_WORDS per worker from Int32 index control/4 + SYNC_WORDS·slot
 * (sequence, ready, failed); a negative sequence asks the worker to exit. The pool's words
 * (claim, done) from Int32 index `pool`. Every index is substituted from the layouts.
 */
export const WORKER_SOURCE = `
'use strict';
// Node: require, or, where the worker inherited --input-type=module (a script given with -e or on
// stdin) and has none, process.getBuiltinModule; a browser worker: self.
const port = typeof require === 'function' ? require('node:worker_threads').parentPort : typeof process === 'object' && typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:worker_threads').parentPort : self;
function start({ module, memory, control, slot, job, pool, spinMicros }) {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const runJob = instance.exports.runJob;
  const sync = new Int32Array(memory.buffer);
  const base = (control >> 2) + slot * ${SYNC_WORDS};
  const sequenceAt = base + ${SYNC_SEQUENCE};
  const claimAt = pool + ${POOL_CLAIM};
  const doneAt = pool + ${POOL_DONE};
  const slots = job >> 2;
  Atomics.store(sync, base + ${SYNC_READY}, 1);
  Atomics.notify(sync, base + ${SYNC_READY});
  let seen = 0;
  const spinMs = spinMicros / 1000;
  for (;;) {
    let sequence = Atomics.load(sync, sequenceAt);
    if (sequence === seen) {
      const until = performance.now() + spinMs;
      while ((sequence = Atomics.load(sync, sequenceAt)) === seen && performance.now() < until);
    }
    if (sequence === seen) {
      Atomics.wait(sync, sequenceAt, seen);
      continue;
    }
    if (sequence < 0) break;
    seen = sequence;
    const chunks = sync[slots + ${JOB_CHUNKS}];
    if (sync[slots + ${JOB_PINNED}] === 1) {
      if (slot + 1 < chunks) runChunk(slot + 1, chunks);
      continue;
    }
    for (;;) {
      const word = Atomics.load(sync, claimAt);
      const chunk = word & 0xffff;
      if (chunk >= chunks) break;
      if (Atomics.compareExchange(sync, claimAt, word, word + 1) !== word) continue;
      runChunk(chunk, chunks);
    }
  }
  if (typeof close === 'function') close();

  // Runs one chunk of the job in this worker's record and counts it done (waking the main thread after the last of the chunks).
  function runChunk(chunk, chunks) {
    const rows = sync[slots + ${JOB_CHUNK_SIZE}];
    if (sync[slots + ${JOB_BY_COLUMNS}] === 1) {
      sync[slots + ${JOB_ROW_START}] = 0;
      sync[slots + ${JOB_ROW_END}] = sync[slots + ${JOB_M}];
      sync[slots + ${JOB_COL_START}] = chunk * rows;
      sync[slots + ${JOB_COL_END}] = Math.min(sync[slots + ${JOB_N}], (chunk + 1) * rows);
    } else {
      sync[slots + ${JOB_ROW_START}] = chunk * rows;
      sync[slots + ${JOB_ROW_END}] = Math.min(sync[slots + ${JOB_M}], (chunk + 1) * rows);
      sync[slots + ${JOB_COL_START}] = 0;
      sync[slots + ${JOB_COL_END}] = sync[slots + ${JOB_N}];
    }
    try {
      runJob(job);
    } catch {
      Atomics.store(sync, base + ${SYNC_FAILED}, 1); // counted as done all the same, so the main thread wakes and reports it
    }
    if (Atomics.add(sync, doneAt, 1) + 1 === chunks) Atomics.notify(sync, doneAt);
  }
}
if (typeof port.on === 'function') port.once('message', start);
else port.onmessage = (event) => start(event.data);
`;
