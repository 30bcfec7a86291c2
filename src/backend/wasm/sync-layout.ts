/**
 * The thread pool's sync words (Int32, in the kernel module's shared memory), as the pool
 * (threads.ts) and the worker program (worker.ts, which has them substituted into its source)
 * both address them. This is the only place their indices live; the job record each worker
 * reads is laid out in ../job-layout.ts.
 *
 * Per worker, SYNC_WORDS words at Int32 index control/4 + SYNC_WORDS·slot; after the last
 * worker's, the pool's words (claim and done), shared by every thread.
 */

/** Int32 words per worker. */
export const SYNC_WORDS = 4;
/** Bytes of sync words per worker. */
export const SYNC_BYTES_PER_WORKER = 4 * SYNC_WORDS;
/** The main thread bumps it to wake the worker for a new job; negative: the worker exits. */
export const SYNC_SEQUENCE = 0;
/** The worker sets it to 1 once its module instance runs. */
export const SYNC_READY = 2;
/** Set to 1 when a chunk threw on the worker (the main thread clears it and throws). */
export const SYNC_FAILED = 3;
/** Pool word: the current job number in the high 16 bits, chunks claimed so far in the low 16. */
export const POOL_CLAIM = 0;
/** Pool word: chunks of the current job finished, by any thread. */
export const POOL_DONE = 1;
