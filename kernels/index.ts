/**
 * Entry of the kernel module: every export, plus the fused dense forward and the job runner
 * that worker threads call on their row block. Export names equal Backend method names.
 */
import { gemm } from './matmul';
import { activationRows, adamUpdate, SOFTMAX } from './elementwise';
import { updateForwardRow } from './update-forward';
import {
  JOB_A, JOB_ACTIVATION, JOB_ACTIVATION_ALPHA, JOB_ALPHA, JOB_ADAM, JOB_B, JOB_BETA, JOB_BIAS, JOB_C, JOB_C1, JOB_C2, JOB_COL_END, JOB_COL_START,
  JOB_EPSILON, JOB_GEMM, JOB_K, JOB_KIND, JOB_M, JOB_N, JOB_OUT, JOB_ROW_END, JOB_ROW_START, JOB_SCRATCH, JOB_TRANS_A, JOB_TRANS_B,
  JOB_WEIGHT_DECAY, JOB_UPDATE_FORWARD, JOB_X, JOB_Z,
} from '../src/backend/job-layout';

export { gemm, gemmScratchBytes } from './matmul';
export {
  activationRows, activationBackward, fusedOutputGradient, sgdUpdate, momentumUpdate, adamUpdate, gatherRows, gatherRowsU8,
} from './elementwise';
export { softmaxRows, lossValue, lossGradient, sumColumns } from './reduce';

/** First byte after the module's static data: the host's arena starts here (aligned up). */
export function heapBase(): usize {
  return __heap_base;
}

/** Z[rows] = X·W + b, A[rows] = f(Z[rows]). X: m x k, W: k x n, b: 1 x n (0 = none), Z, A: m x n. */
export function denseForward(
  m: i32, n: i32, k: i32, x: usize, w: usize, b: usize, z: usize, a: usize,
  act: i32, alpha: f32, rowStart: i32, rowEnd: i32, colStart: i32, colEnd: i32, scratch: usize,
): void {
  gemm(0, 0, m, n, k, x, w, z, 1, 0, rowStart, rowEnd, colStart, colEnd, scratch);
  if (b != 0) addBias(z, b, rowStart, rowEnd, colStart, colEnd, n);
  if (colStart == 0 && colEnd == n) {
    activationRows(act, alpha, z, a, rowStart, rowEnd, n);
    return;
  }
  // A block of columns (never softmax, which needs whole rows): row by row, element-wise.
  for (let r = rowStart; r < rowEnd; r++) {
    const o = (<usize>r * <usize>n + <usize>colStart) * 4;
    activationRows(act, alpha, z + o, a + o, 0, 1, colEnd - colStart);
  }
}

function addBias(z: usize, b: usize, rowStart: i32, rowEnd: i32, colStart: i32, colEnd: i32, n: i32): void {
  const n4 = colStart + ((colEnd - colStart) & ~3);
  for (let r = rowStart; r < rowEnd; r++) {
    const row = z + <usize>r * <usize>n * 4;
    for (let j = colStart; j < n4; j += 4) {
      const o = <usize>j * 4;
      v128.store(row + o, f32x4.add(v128.load(row + o), v128.load(b + o)));
    }
    for (let j = n4; j < colEnd; j++) {
      const o = <usize>j * 4;
      store<f32>(row + o, load<f32>(row + o) + load<f32>(b + o));
    }
  }
}

/**
 * One layer's per-sample SGD update followed by the next sample's forward pass through it, in one
 * pass over W: W += alpha·uᵀ·d (u: 1 x k, d: 1 x n, W: k x n), then z = x·W + b, a = f(z)
 * (x: 1 x k, z, a: 1 x n; b = 0: no bias). Same bits as gemm's two products (update-forward.ts).
 */
export function updateForward(
  k: i32, n: i32, u: usize, d: usize, w: usize, alpha: f32, x: usize, b: usize, z: usize, a: usize, act: i32, actAlpha: f32, colStart: i32, colEnd: i32,
): void {
  updateForwardRow(k, n, u, d, w, alpha, x, z, colStart, colEnd);
  if (b != 0) addBias(z, b, 0, 1, colStart, colEnd, n);
  // Element-wise on this share of the row (softmax, which needs the whole row, is never split).
  if (act == SOFTMAX) activationRows(act, actAlpha, z, a, 0, 1, n);
  else activationRows(act, actAlpha, z + <usize>colStart * 4, a + <usize>colStart * 4, 0, 1, colEnd - colStart);
}

// @ts-ignore: decorator
@inline function i32At(job: usize, slot: i32): i32 {
  return load<i32>(job + (<usize>slot << 2));
}

// @ts-ignore: decorator
@inline function f32At(job: usize, slot: i32): f32 {
  return load<f32>(job + (<usize>slot << 2));
}

/**
 * Runs the job record at `job` (src/backend/job-layout.ts names every slot): a GEMM or dense
 * forward on rows [ROW_START, ROW_END) and columns [COL_START, COL_END) of C, or an Adam update
 * of elements [ROW_START, ROW_END).
 */
export function runJob(job: usize): void {
  const kind = i32At(job, JOB_KIND);
  const m = i32At(job, JOB_M);
  const n = i32At(job, JOB_N);
  const k = i32At(job, JOB_K);
  const a = <usize>i32At(job, JOB_A);
  const b = <usize>i32At(job, JOB_B);
  const c = <usize>i32At(job, JOB_C);
  const rowStart = i32At(job, JOB_ROW_START);
  const rowEnd = i32At(job, JOB_ROW_END);
  const scratch = <usize>i32At(job, JOB_SCRATCH);
  const colStart = i32At(job, JOB_COL_START);
  const colEnd = i32At(job, JOB_COL_END);
  if (kind == JOB_ADAM) {
    const o = <usize>rowStart * 4;
    adamUpdate(
      a + o, b + o, c + o, <usize>i32At(job, JOB_BIAS) + o, rowEnd - rowStart, f32At(job, JOB_ALPHA), f32At(job, JOB_ACTIVATION_ALPHA),
      f32At(job, JOB_BETA), f32At(job, JOB_EPSILON), f32At(job, JOB_C1), f32At(job, JOB_C2), f32At(job, JOB_WEIGHT_DECAY),
    );
  } else if (kind == JOB_UPDATE_FORWARD) {
    updateForward(
      k, n, a, b, c, f32At(job, JOB_ALPHA), <usize>i32At(job, JOB_X), <usize>i32At(job, JOB_BIAS), <usize>i32At(job, JOB_Z), <usize>i32At(job, JOB_OUT),
      i32At(job, JOB_ACTIVATION), f32At(job, JOB_ACTIVATION_ALPHA), colStart, colEnd,
    );
  } else if (kind == JOB_GEMM) {
    gemm(i32At(job, JOB_TRANS_A), i32At(job, JOB_TRANS_B), m, n, k, a, b, c, f32At(job, JOB_ALPHA), f32At(job, JOB_BETA), rowStart, rowEnd, colStart, colEnd, scratch);
  } else {
    const bias = <usize>i32At(job, JOB_BIAS);
    const out = <usize>i32At(job, JOB_OUT);
    denseForward(m, n, k, a, b, bias, c, out, i32At(job, JOB_ACTIVATION), f32At(job, JOB_ACTIVATION_ALPHA), rowStart, rowEnd, colStart, colEnd, scratch);
  }
}
