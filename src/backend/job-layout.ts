/**
 * The job record: how a product or an Adam update is described in memory for the kernel
 * module's `runJob` (kernels/index.ts), the worker threads (wasm/worker.ts) and the wasm
 * backend that writes it (wasm/dispatch.ts). One 4-byte slot each, at byte offset 4·slot of the job;
 * i32 unless marked f32. This is the only place the slot numbers live.
 *
 * The file is compiled twice: by TypeScript, and by AssemblyScript (kernels/index.ts imports it),
 * so it holds integer constants only.
 */

/** Bytes reserved per job record (at least 4·JOB_SLOTS). */
export const JOB_BYTES = 128;
/** Slots in use. */
export const JOB_SLOTS = 30;

/** Kinds (slot JOB_KIND). */
export const JOB_GEMM = 0;
export const JOB_DENSE_FORWARD = 1;
export const JOB_ADAM = 2;
/** A per-sample SGD update fused with the next forward product (kernels' updateForward), split by column blocks. */
export const JOB_UPDATE_FORWARD = 3;

/** What the job is: JOB_GEMM, JOB_DENSE_FORWARD, JOB_ADAM or JOB_UPDATE_FORWARD. */
export const JOB_KIND = 0;
/** Products: 1 if A is read transposed. */
export const JOB_TRANS_A = 1;
/** Products: 1 if B is read transposed. */
export const JOB_TRANS_B = 2;
/** Products: rows of C; Adam: the element count. */
export const JOB_M = 3;
/** Products: columns of C. */
export const JOB_N = 4;
/** Products: the inner dimension. */
export const JOB_K = 5;
/** Byte offsets of A, B and C (Adam: parameters, gradient, first moment). */
export const JOB_A = 6;
export const JOB_B = 7;
export const JOB_C = 8;
/** f32. Products: the scale of A·B; Adam: the learning rate. */
export const JOB_ALPHA = 9;
/** The block this thread computes: rows [ROW_START, ROW_END) and columns [COL_START, COL_END) (Adam: elements). */
export const JOB_ROW_START = 10;
export const JOB_ROW_END = 11;
/** Byte offset of this thread's packing scratch. */
export const JOB_SCRATCH = 12;
/** Byte offset of the bias row (0: none); Adam: the second moment. */
export const JOB_BIAS = 13;
/** Dense forward: byte offset of the activation's output A (C holds Z). */
export const JOB_OUT = 14;
/** Dense forward: the activation code (index in ACTIVATION_NAMES). */
export const JOB_ACTIVATION = 15;
/** f32. Dense forward: the activation's alpha (leaky ReLU slope); Adam: beta1. */
export const JOB_ACTIVATION_ALPHA = 16;
/** f32. Products: C = alpha·A·B + beta·C; Adam: beta2. */
export const JOB_BETA = 17;
export const JOB_COL_START = 18;
export const JOB_COL_END = 19;
/** The thread pool's: how many chunks the job has, and rows (or columns) per chunk. */
export const JOB_CHUNKS = 20;
export const JOB_CHUNK_SIZE = 21;
/** f32s of Adam: epsilon, the bias corrections c1 and c2, and the weight decay. */
export const JOB_EPSILON = 22;
export const JOB_C1 = 23;
export const JOB_C2 = 24;
export const JOB_WEIGHT_DECAY = 25;
/** 1 if the chunks are column blocks (the pool's "rows" are then columns), 0 for row blocks. */
export const JOB_BY_COLUMNS = 26;

/** Update-forward: byte offsets of the next input row x (A holds u, B d, C W) and of z (OUT holds the activation's output). */
export const JOB_X = 27;
export const JOB_Z = 28;

/**
 * 1 if every thread runs a fixed chunk (worker slot s: chunk s + 1; the main thread: chunk 0)
 * instead of claiming chunks: for steps that come one per sample on the same weights, so that
 * each thread's share of W stays in its own core's cache (claimed chunks moved between cores
 * about one step in five, and the split then gained nothing at 784 x 200).
 */
export const JOB_PINNED = 29;

/** The f32 slots, as a bit mask (bit s set: slot s holds an f32); every other slot is an i32. */
export const JOB_F32_SLOTS =
  (1 << JOB_ALPHA) | (1 << JOB_ACTIVATION_ALPHA) | (1 << JOB_BETA) | (1 << JOB_EPSILON) | (1 << JOB_C1) | (1 << JOB_C2) | (1 << JOB_WEIGHT_DECAY);
