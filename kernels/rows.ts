/**
 * gemm's unpacked paths (matmul.ts) as named row primitives, for shapes where packing costs
 * more than it saves: fewer than 4 rows of C (per-sample forward passes, matrix-vector products)
 * and depths of at most SMALL_K (per-sample outer products). B is read in place. Each name says
 * whether C is written or accumulated into:
 *   rowWrite       c  = alpha·(a·B)      one row: a 1 x k (element p at a + p·aCol), B k x n, c 1 x n
 *   rowAccumulate  c += alpha·(a·B)
 *   rowDotsTransB  c  = alpha·(a·Bᵀ), or c += with `accumulate`   B n x k
 *   rank1Write     W  = alpha·u⊗d        rows [rowStart, rowEnd) of W (k x n): W[i] = (alpha·u[i])·d
 *   rank1Update    W += alpha·u⊗d        W[i] += (alpha·u[i])·d
 *   shallowRows    C (+)= alpha·op(A)·B  for depths 2..SMALL_K
 * The arithmetic of one element is spelled once, by the lane primitives below: a rank-one update
 * is `updateLanes`/`updateScalar` (w + s·d with s = rankOneScale(alpha, u[i])), a product step
 * `productLanes`/`productScalar` (z + x·w, over p in order from z = 0). update-forward.ts fuses
 * rank1Update with rowWrite out of the same primitives, so its results equal the two calls bit
 * for bit by construction. The lane primitives are inlined: they cost nothing in the hot loops.
 */
import { madd, hsum } from './simd';

/** The scale of row i of a rank-one update: alpha·u[i] (f32, rounded once). */
// @ts-ignore: decorator
@inline export function rankOneScale(alpha: f32, u: f32): f32 {
  return alpha * u;
}

/** One rank-one update step on four lanes: w + s·d (s: rankOneScale splatted). */
// @ts-ignore: decorator
@inline export function updateLanes(s: v128, d: v128, w: v128): v128 {
  return madd(s, d, w);
}

/** Scalar form of `updateLanes`: w + s·d, a multiply then an add (never fused, as in every scalar tail). */
// @ts-ignore: decorator
@inline export function updateScalar(w: f32, s: f32, d: f32): f32 {
  return w + s * d;
}

/** One product step on four lanes: z + x·w (x: one element of a splatted). */
// @ts-ignore: decorator
@inline export function productLanes(x: v128, w: v128, z: v128): v128 {
  return madd(x, w, z);
}

/** Scalar form of `productLanes`: z + x·w, a multiply then an add. */
// @ts-ignore: decorator
@inline export function productScalar(z: f32, x: f32, w: f32): f32 {
  return z + x * w;
}

/** C[0..count) *= beta. */
export function scale(c: usize, count: i32, beta: f32): void {
  const vb = f32x4.splat(beta);
  const count4 = count & ~3;
  for (let i = 0; i < count4; i += 4) v128.store(c + <usize>i * 4, f32x4.mul(v128.load(c + <usize>i * 4), vb));
  for (let i = count4; i < count; i++) store<f32>(c + <usize>i * 4, load<f32>(c + <usize>i * 4) * beta);
}

/** dst = alpha·x (+ dst when acc), four lanes. */
// @ts-ignore: decorator
@inline function put(dst: usize, x: v128, va: v128, acc: bool): void {
  v128.store(dst, acc ? madd(x, va, v128.load(dst)) : f32x4.mul(x, va));
}

/** Scalar form of `put`. */
// @ts-ignore: decorator
@inline function put1(dst: usize, x: f32, alpha: f32, acc: bool): void {
  store<f32>(dst, acc ? load<f32>(dst) + alpha * x : alpha * x);
}

/** W[i] += (alpha·u[i])·d for rows [rowStart, rowEnd) of W (k x n); u[i] at u + i·uStride, d: 1 x n. */
export function rank1Update(w: usize, u: usize, uStride: usize, d: usize, n: i32, alpha: f32, rowStart: i32, rowEnd: i32): void {
  const n16 = n & ~15;
  const n4 = n & ~3;
  for (let i = rowStart; i < rowEnd; i++) {
    const x = rankOneScale(alpha, load<f32>(u + <usize>i * uStride));
    const s = f32x4.splat(x);
    const wi = w + <usize>i * <usize>n * 4;
    let j = 0;
    for (; j < n16; j += 16) {
      const o = <usize>j * 4;
      v128.store(wi + o, updateLanes(s, v128.load(d + o), v128.load(wi + o)));
      v128.store(wi + o, updateLanes(s, v128.load(d + o, 16), v128.load(wi + o, 16)), 16);
      v128.store(wi + o, updateLanes(s, v128.load(d + o, 32), v128.load(wi + o, 32)), 32);
      v128.store(wi + o, updateLanes(s, v128.load(d + o, 48), v128.load(wi + o, 48)), 48);
    }
    for (; j < n4; j += 4) v128.store(wi + <usize>j * 4, updateLanes(s, v128.load(d + <usize>j * 4), v128.load(wi + <usize>j * 4)));
    for (; j < n; j++) store<f32>(wi + <usize>j * 4, updateScalar(load<f32>(wi + <usize>j * 4), x, load<f32>(d + <usize>j * 4)));
  }
}

/** W[i] = (alpha·u[i])·d for rows [rowStart, rowEnd) of W (k x n); u[i] at u + i·uStride, d: 1 x n. */
export function rank1Write(w: usize, u: usize, uStride: usize, d: usize, n: i32, alpha: f32, rowStart: i32, rowEnd: i32): void {
  const n4 = n & ~3;
  for (let i = rowStart; i < rowEnd; i++) {
    const x = rankOneScale(alpha, load<f32>(u + <usize>i * uStride));
    const s = f32x4.splat(x);
    const wi = w + <usize>i * <usize>n * 4;
    let j = 0;
    for (; j < n4; j += 4) v128.store(wi + <usize>j * 4, f32x4.mul(s, v128.load(d + <usize>j * 4)));
    for (; j < n; j++) store<f32>(wi + <usize>j * 4, x * load<f32>(d + <usize>j * 4));
  }
}

/**
 * c = alpha·(a·B) for one row: c accumulates in memory from 0 while B streams by contiguous
 * rows, four at a time, so B is read once in its own order; each element gets the product steps
 * over p in order, then alpha (when it is not 1).
 */
export function rowWrite(a: usize, aCol: usize, b: usize, c: usize, n: i32, k: i32, alpha: f32): void {
  const ldb = <usize>n * 4;
  const n4 = n & ~3;
  memory.fill(c, 0, <usize>n * 4);
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const ap = a + <usize>p * aCol;
    const x0 = load<f32>(ap);
    const x1 = load<f32>(ap + aCol);
    const x2 = load<f32>(ap + 2 * aCol);
    const x3 = load<f32>(ap + 3 * aCol);
    const s0 = f32x4.splat(x0);
    const s1 = f32x4.splat(x1);
    const s2 = f32x4.splat(x2);
    const s3 = f32x4.splat(x3);
    const b0 = b + <usize>p * ldb;
    const b1 = b0 + ldb;
    const b2 = b1 + ldb;
    const b3 = b2 + ldb;
    for (let j = 0; j < n4; j += 4) {
      const o = <usize>j * 4;
      let y = v128.load(c + o);
      y = productLanes(s0, v128.load(b0 + o), y);
      y = productLanes(s1, v128.load(b1 + o), y);
      y = productLanes(s2, v128.load(b2 + o), y);
      y = productLanes(s3, v128.load(b3 + o), y);
      v128.store(c + o, y);
    }
    for (let j = n4; j < n; j++) {
      const o = <usize>j * 4;
      let y = load<f32>(c + o);
      y = productScalar(y, x0, load<f32>(b0 + o));
      y = productScalar(y, x1, load<f32>(b1 + o));
      y = productScalar(y, x2, load<f32>(b2 + o));
      y = productScalar(y, x3, load<f32>(b3 + o));
      store<f32>(c + o, y);
    }
  }
  for (; p < k; p++) {
    const x = load<f32>(a + <usize>p * aCol);
    const s = f32x4.splat(x);
    const bp = b + <usize>p * ldb;
    for (let j = 0; j < n4; j += 4) {
      const o = <usize>j * 4;
      v128.store(c + o, productLanes(s, v128.load(bp + o), v128.load(c + o)));
    }
    for (let j = n4; j < n; j++) {
      const o = <usize>j * 4;
      store<f32>(c + o, productScalar(load<f32>(c + o), x, load<f32>(bp + o)));
    }
  }
  if (alpha != 1) scale(c, n, alpha);
}

/** c += alpha·(a·B) for one row: a·B for 32 columns at a time in 8 registers over p, then added into c. */
export function rowAccumulate(a: usize, aCol: usize, b: usize, c: usize, n: i32, k: i32, alpha: f32): void {
  const va = f32x4.splat(alpha);
  const ldb = <usize>n * 4;
  let j = 0;
  for (; j + 32 <= n; j += 32) {
    let x0 = f32x4.splat(0); let x1 = f32x4.splat(0); let x2 = f32x4.splat(0); let x3 = f32x4.splat(0);
    let x4 = f32x4.splat(0); let x5 = f32x4.splat(0); let x6 = f32x4.splat(0); let x7 = f32x4.splat(0);
    let bp = b + <usize>j * 4;
    let ap = a;
    for (let p = 0; p < k; p++) {
      const s = v128.load32_splat(ap);
      x0 = productLanes(s, v128.load(bp), x0); x1 = productLanes(s, v128.load(bp, 16), x1);
      x2 = productLanes(s, v128.load(bp, 32), x2); x3 = productLanes(s, v128.load(bp, 48), x3);
      x4 = productLanes(s, v128.load(bp, 64), x4); x5 = productLanes(s, v128.load(bp, 80), x5);
      x6 = productLanes(s, v128.load(bp, 96), x6); x7 = productLanes(s, v128.load(bp, 112), x7);
      ap += aCol;
      bp += ldb;
    }
    const d = c + <usize>j * 4;
    put(d, x0, va, true); put(d + 16, x1, va, true); put(d + 32, x2, va, true); put(d + 48, x3, va, true);
    put(d + 64, x4, va, true); put(d + 80, x5, va, true); put(d + 96, x6, va, true); put(d + 112, x7, va, true);
  }
  for (; j + 4 <= n; j += 4) {
    let x = f32x4.splat(0);
    let bp = b + <usize>j * 4;
    let ap = a;
    for (let p = 0; p < k; p++) {
      x = productLanes(v128.load32_splat(ap), v128.load(bp), x);
      ap += aCol;
      bp += ldb;
    }
    put(c + <usize>j * 4, x, va, true);
  }
  for (; j < n; j++) {
    let sum: f32 = 0;
    for (let p = 0; p < k; p++) sum = productScalar(sum, load<f32>(a + <usize>p * aCol), load<f32>(b + (<usize>p * <usize>n + <usize>j) * 4));
    put1(c + <usize>j * 4, sum, alpha, true);
  }
}

/** c = alpha·(a·Bᵀ), or c += with `accumulate`, for one row (B: n x k): dot products along k, f32x4 when a is contiguous. */
export function rowDotsTransB(a: usize, aCol: usize, b: usize, c: usize, n: i32, k: i32, alpha: f32, accumulate: bool): void {
  const ldb = <usize>k * 4;
  const k4 = k & ~3;
  let j0 = 0;
  if (aCol == 4) {
    // Four dot products at once: four independent chains (each the same sums as one at a time).
    for (; j0 + 4 <= n; j0 += 4) {
      const b0 = b + <usize>j0 * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      let x0 = f32x4.splat(0); let x1 = f32x4.splat(0); let x2 = f32x4.splat(0); let x3 = f32x4.splat(0);
      for (let p = 0; p < k4; p += 4) {
        const o = <usize>p * 4;
        const v = v128.load(a + o);
        x0 = productLanes(v, v128.load(b0 + o), x0);
        x1 = productLanes(v, v128.load(b1 + o), x1);
        x2 = productLanes(v, v128.load(b2 + o), x2);
        x3 = productLanes(v, v128.load(b3 + o), x3);
      }
      let s0 = hsum(x0); let s1 = hsum(x1); let s2 = hsum(x2); let s3 = hsum(x3);
      for (let p = k4; p < k; p++) {
        const o = <usize>p * 4;
        const v = load<f32>(a + o);
        s0 = productScalar(s0, v, load<f32>(b0 + o));
        s1 = productScalar(s1, v, load<f32>(b1 + o));
        s2 = productScalar(s2, v, load<f32>(b2 + o));
        s3 = productScalar(s3, v, load<f32>(b3 + o));
      }
      const d = c + <usize>j0 * 4;
      put1(d, s0, alpha, accumulate); put1(d + 4, s1, alpha, accumulate); put1(d + 8, s2, alpha, accumulate); put1(d + 12, s3, alpha, accumulate);
    }
  }
  for (let j = j0; j < n; j++) {
    const bj = b + <usize>j * ldb;
    let x = f32x4.splat(0);
    let sum: f32 = 0;
    if (aCol == 4) {
      for (let p = 0; p < k4; p += 4) x = productLanes(v128.load(a + <usize>p * 4), v128.load(bj + <usize>p * 4), x);
      sum = hsum(x);
      for (let p = k4; p < k; p++) sum = productScalar(sum, load<f32>(a + <usize>p * 4), load<f32>(bj + <usize>p * 4));
    } else {
      for (let p = 0; p < k; p++) sum = productScalar(sum, load<f32>(a + <usize>p * aCol), load<f32>(bj + <usize>p * 4));
    }
    put1(c + <usize>j * 4, sum, alpha, accumulate);
  }
}

/**
 * C[i] = alpha·(op(A)[i]·B), or C[i] += with `accumulate`, for rows [rowStart, rowEnd) and a depth k
 * of 2..SMALL_K, B in place (k x n): each row of C is written (or updated) once, 16 columns at a time.
 */
export function shallowRows(
  a: usize, aRow: usize, aCol: usize, b: usize, c: usize,
  n: i32, k: i32, alpha: f32, accumulate: bool, rowStart: i32, rowEnd: i32,
): void {
  const va = f32x4.splat(alpha);
  const ldb = <usize>n * 4;
  for (let i = rowStart; i < rowEnd; i++) {
    const ai = a + <usize>i * aRow;
    const ci = c + <usize>i * <usize>n * 4;
    let j = 0;
    for (; j + 16 <= n; j += 16) {
      let bp = b + <usize>j * 4;
      let s = v128.load32_splat(ai);
      let x0 = f32x4.mul(s, v128.load(bp)); let x1 = f32x4.mul(s, v128.load(bp, 16));
      let x2 = f32x4.mul(s, v128.load(bp, 32)); let x3 = f32x4.mul(s, v128.load(bp, 48));
      for (let p = 1; p < k; p++) {
        bp += ldb;
        s = v128.load32_splat(ai + <usize>p * aCol);
        x0 = productLanes(s, v128.load(bp), x0); x1 = productLanes(s, v128.load(bp, 16), x1);
        x2 = productLanes(s, v128.load(bp, 32), x2); x3 = productLanes(s, v128.load(bp, 48), x3);
      }
      const d = ci + <usize>j * 4;
      put(d, x0, va, accumulate); put(d + 16, x1, va, accumulate); put(d + 32, x2, va, accumulate); put(d + 48, x3, va, accumulate);
    }
    for (; j + 4 <= n; j += 4) {
      let bp = b + <usize>j * 4;
      let x = f32x4.mul(v128.load32_splat(ai), v128.load(bp));
      for (let p = 1; p < k; p++) {
        bp += ldb;
        x = productLanes(v128.load32_splat(ai + <usize>p * aCol), v128.load(bp), x);
      }
      put(ci + <usize>j * 4, x, va, accumulate);
    }
    for (; j < n; j++) {
      let sum: f32 = 0;
      for (let p = 0; p < k; p++) sum = productScalar(sum, load<f32>(ai + <usize>p * aCol), load<f32>(b + (<usize>p * <usize>n + <usize>j) * 4));
      put1(ci + <usize>j * 4, sum, alpha, accumulate);
    }
  }
}
