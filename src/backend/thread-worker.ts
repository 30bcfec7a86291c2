/**
 * The worker's whole program, as plain JavaScript source, so that it starts the same way from
 * tsx, from dist/ and from a browser bundle (Node: `new Worker(source, {eval: true})`;
 * browsers: a Blob URL). It instantiates the kernel module on the shared memory, says it is
 * ready, then sleeps in Atomics.wait until the main thread bumps its sequence word, runs the
 * job block it was given (`runJob(job)`, one row block of a product) and reports completion.
 *
 * Sync words (Int32, 4 per worker at `control + 16·slot`): [sequence, done, ready, unused];
 * a negative sequence asks the worker to exit.
 */
export const WORKER_SOURCE = `
'use strict';
const port = typeof require === 'function' ? require('node:worker_threads').parentPort : self;
function start({ module, memory, control, slot, job }) {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const runJob = instance.exports.runJob;
  const sync = new Int32Array(memory.buffer);
  const base = (control >> 2) + slot * 4;
  Atomics.store(sync, base + 2, 1);
  Atomics.notify(sync, base + 2);
  let seen = 0;
  for (;;) {
    Atomics.wait(sync, base, seen);
    const sequence = Atomics.load(sync, base);
    if (sequence === seen) continue;
    if (sequence < 0) break;
    seen = sequence;
    runJob(job);
    Atomics.store(sync, base + 1, sequence);
    Atomics.notify(sync, base + 1);
  }
  if (typeof close === 'function') close();
}
if (typeof port.on === 'function') port.once('message', start);
else port.onmessage = (event) => start(event.data);
`;
