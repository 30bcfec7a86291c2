/**
 * Entry of the kernel module: every export, plus the fused dense forward and the job runner
 * that worker threads call on their row block. Export names equal Backend method names.
 */
import { gemm } from './matmul';
import { activationRows, adamUpdate } from './elementwise';
import { updateForwardRow } from './update-forward';

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
  k: i32, n: i32, u: usize, d: usize, w: usize, alpha: f32, x: usize, b: usize, z: usize, a: usize, act: i32, actAlpha: f32,
): void {
  updateForwardRow(k, n, u, d, w, alpha, x, z);
  if (b != 0) addBias(z, b, 0, 1, 0, n, n);
  activationRows(act, actAlpha, z, a, 0, 1, n);
}

/**
 * Runs the job described at `job` (i32/f32 slots): slot 0 kind (0 gemm, 1 denseForward), then
 * 1 transA, 2 transB, 3 m, 4 n, 5 k, 6 a, 7 b, 8 c, 9 alpha (f32), 10 rowStart, 11 rowEnd,
 * 12 scratch, 13 bias, 14 activation output, 15 activation code, 16 activation alpha (f32), 17 beta (f32).
 * Kind 2 is an Adam update of elements [rowStart, rowEnd) (m = element count): 6 param, 7 grad,
 * 8 first moment, 13 second moment, 9 learning rate, 16 beta1, 17 beta2, 22 epsilon, 23 c1, 24 c2,
 * 25 weight decay (f32s). Slots 20-21 (chunk count, rows per chunk) belong to the thread pool.
 * Slots 18-19: colStart, colEnd of a product (a product split by columns: the pool's "rows" are
 * then columns, and slot 26 = 1 tells the worker so).
 */
export function runJob(job: usize): void {
  const kind = load<i32>(job);
  const m = load<i32>(job, 12);
  const n = load<i32>(job, 16);
  const k = load<i32>(job, 20);
  const a = <usize>load<i32>(job, 24);
  const b = <usize>load<i32>(job, 28);
  const c = <usize>load<i32>(job, 32);
  const rowStart = load<i32>(job, 40);
  const rowEnd = load<i32>(job, 44);
  const scratch = <usize>load<i32>(job, 48);
  const colStart = load<i32>(job, 72);
  const colEnd = load<i32>(job, 76);
  if (kind == 2) {
    const o = <usize>rowStart * 4;
    adamUpdate(
      a + o, b + o, c + o, <usize>load<i32>(job, 52) + o, rowEnd - rowStart, load<f32>(job, 36), load<f32>(job, 64),
      load<f32>(job, 68), load<f32>(job, 88), load<f32>(job, 92), load<f32>(job, 96), load<f32>(job, 100),
    );
  } else if (kind == 0) {
    gemm(load<i32>(job, 4), load<i32>(job, 8), m, n, k, a, b, c, load<f32>(job, 36), load<f32>(job, 68), rowStart, rowEnd, colStart, colEnd, scratch);
  } else {
    const bias = <usize>load<i32>(job, 52);
    const out = <usize>load<i32>(job, 56);
    denseForward(m, n, k, a, b, bias, c, out, load<i32>(job, 60), load<f32>(job, 64), rowStart, rowEnd, colStart, colEnd, scratch);
  }
}
