/**
 * gemm's unpacked paths (matmul.ts), for shapes where packing costs more than it saves:
 * fewer than 4 rows of C (per-sample forward passes and matrix-vector products) and depths of at
 * most SMALL_K (per-sample outer products). B is read in place. `scale` is C *= beta.
 */
import { madd, hsum } from './simd';

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

/**
 * Depth k <= SMALL_K with B in place (k x n), e.g. a per-sample outer product aPrevᵀ·dZ:
 * each row of C is written (or updated) once, 16 columns at a time.
 */
export function smallDepth(
  a: usize, aRow: usize, aCol: usize, b: usize, c: usize,
  n: i32, k: i32, alpha: f32, acc: bool, rowStart: i32, rowEnd: i32,
): void {
  const va = f32x4.splat(alpha);
  const ldb = <usize>n * 4;
  if (k == 1) {
    // Rank one: C[i] (+)= (alpha·a_i)·B, one multiply(-add) per element.
    const n16 = n & ~15;
    const n4 = n & ~3;
    for (let i = rowStart; i < rowEnd; i++) {
      const x: f32 = alpha * load<f32>(a + <usize>i * aRow);
      const s = f32x4.splat(x);
      const ci = c + <usize>i * <usize>n * 4;
      let j = 0;
      if (acc) {
        for (; j < n16; j += 16) {
          const o = <usize>j * 4;
          v128.store(ci + o, madd(s, v128.load(b + o), v128.load(ci + o)));
          v128.store(ci + o, madd(s, v128.load(b + o, 16), v128.load(ci + o, 16)), 16);
          v128.store(ci + o, madd(s, v128.load(b + o, 32), v128.load(ci + o, 32)), 32);
          v128.store(ci + o, madd(s, v128.load(b + o, 48), v128.load(ci + o, 48)), 48);
        }
        for (; j < n4; j += 4) v128.store(ci + <usize>j * 4, madd(s, v128.load(b + <usize>j * 4), v128.load(ci + <usize>j * 4)));
        for (; j < n; j++) store<f32>(ci + <usize>j * 4, load<f32>(ci + <usize>j * 4) + x * load<f32>(b + <usize>j * 4));
      } else {
        for (; j < n4; j += 4) v128.store(ci + <usize>j * 4, f32x4.mul(s, v128.load(b + <usize>j * 4)));
        for (; j < n; j++) store<f32>(ci + <usize>j * 4, x * load<f32>(b + <usize>j * 4));
      }
    }
    return;
  }
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
        x0 = madd(s, v128.load(bp), x0); x1 = madd(s, v128.load(bp, 16), x1);
        x2 = madd(s, v128.load(bp, 32), x2); x3 = madd(s, v128.load(bp, 48), x3);
      }
      const d = ci + <usize>j * 4;
      put(d, x0, va, acc); put(d + 16, x1, va, acc); put(d + 32, x2, va, acc); put(d + 48, x3, va, acc);
    }
    for (; j + 4 <= n; j += 4) {
      let bp = b + <usize>j * 4;
      let x = f32x4.mul(v128.load32_splat(ai), v128.load(bp));
      for (let p = 1; p < k; p++) {
        bp += ldb;
        x = madd(v128.load32_splat(ai + <usize>p * aCol), v128.load(bp), x);
      }
      put(ci + <usize>j * 4, x, va, acc);
    }
    for (; j < n; j++) {
      let sum: f32 = 0;
      for (let p = 0; p < k; p++) sum += load<f32>(ai + <usize>p * aCol) * load<f32>(b + (<usize>p * <usize>n + <usize>j) * 4);
      put1(ci + <usize>j * 4, sum, alpha, acc);
    }
  }
}

/**
 * Fewer than 4 rows, B in place (k x n), C written (a matrix-vector product, e.g. a per-sample
 * forward pass): the row of C accumulates in memory while B streams by contiguous rows, four
 * at a time, so B is read once in its own order. Each element gets the same sequence of
 * multiply-adds over p as in `smallRows`, then alpha.
 */
export function streamRows(
  a: usize, aCol: usize, b: usize, c: usize,
  n: i32, k: i32, alpha: f32, aRow: usize, rowStart: i32, rowEnd: i32,
): void {
  const ldb = <usize>n * 4;
  const n4 = n & ~3;
  for (let i = rowStart; i < rowEnd; i++) {
    const ai = a + <usize>i * aRow;
    const ci = c + <usize>i * <usize>n * 4;
    memory.fill(ci, 0, <usize>n * 4);
    let p = 0;
    for (; p + 4 <= k; p += 4) {
      const ap = ai + <usize>p * aCol;
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
        let y = v128.load(ci + o);
        y = madd(s0, v128.load(b0 + o), y);
        y = madd(s1, v128.load(b1 + o), y);
        y = madd(s2, v128.load(b2 + o), y);
        y = madd(s3, v128.load(b3 + o), y);
        v128.store(ci + o, y);
      }
      for (let j = n4; j < n; j++) {
        const o = <usize>j * 4;
        let y = load<f32>(ci + o);
        y += x0 * load<f32>(b0 + o);
        y += x1 * load<f32>(b1 + o);
        y += x2 * load<f32>(b2 + o);
        y += x3 * load<f32>(b3 + o);
        store<f32>(ci + o, y);
      }
    }
    for (; p < k; p++) {
      const x = load<f32>(ai + <usize>p * aCol);
      const s = f32x4.splat(x);
      const bp = b + <usize>p * ldb;
      for (let j = 0; j < n4; j += 4) {
        const o = <usize>j * 4;
        v128.store(ci + o, madd(s, v128.load(bp + o), v128.load(ci + o)));
      }
      for (let j = n4; j < n; j++) {
        const o = <usize>j * 4;
        store<f32>(ci + o, load<f32>(ci + o) + x * load<f32>(bp + o));
      }
    }
    if (alpha != 1) scale(ci, n, alpha);
  }
}

/** Fewer than 4 rows, B in place (k x n): C[i, j..j+32] accumulates in 8 registers over p. */
export function smallRows(
  a: usize, aRow: usize, aCol: usize, b: usize, c: usize,
  n: i32, k: i32, alpha: f32, acc: bool, rowStart: i32, rowEnd: i32,
): void {
  const va = f32x4.splat(alpha);
  const ldb = <usize>n * 4;
  for (let i = rowStart; i < rowEnd; i++) {
    const ai = a + <usize>i * aRow;
    const ci = c + <usize>i * <usize>n * 4;
    let j = 0;
    for (; j + 32 <= n; j += 32) {
      let x0 = f32x4.splat(0); let x1 = f32x4.splat(0); let x2 = f32x4.splat(0); let x3 = f32x4.splat(0);
      let x4 = f32x4.splat(0); let x5 = f32x4.splat(0); let x6 = f32x4.splat(0); let x7 = f32x4.splat(0);
      let bp = b + <usize>j * 4;
      let ap = ai;
      for (let p = 0; p < k; p++) {
        const s = v128.load32_splat(ap);
        x0 = madd(s, v128.load(bp), x0); x1 = madd(s, v128.load(bp, 16), x1);
        x2 = madd(s, v128.load(bp, 32), x2); x3 = madd(s, v128.load(bp, 48), x3);
        x4 = madd(s, v128.load(bp, 64), x4); x5 = madd(s, v128.load(bp, 80), x5);
        x6 = madd(s, v128.load(bp, 96), x6); x7 = madd(s, v128.load(bp, 112), x7);
        ap += aCol;
        bp += ldb;
      }
      const d = ci + <usize>j * 4;
      put(d, x0, va, acc); put(d + 16, x1, va, acc); put(d + 32, x2, va, acc); put(d + 48, x3, va, acc);
      put(d + 64, x4, va, acc); put(d + 80, x5, va, acc); put(d + 96, x6, va, acc); put(d + 112, x7, va, acc);
    }
    for (; j + 4 <= n; j += 4) {
      let x = f32x4.splat(0);
      let bp = b + <usize>j * 4;
      let ap = ai;
      for (let p = 0; p < k; p++) {
        x = madd(v128.load32_splat(ap), v128.load(bp), x);
        ap += aCol;
        bp += ldb;
      }
      put(ci + <usize>j * 4, x, va, acc);
    }
    for (; j < n; j++) {
      let sum: f32 = 0;
      for (let p = 0; p < k; p++) sum += load<f32>(ai + <usize>p * aCol) * load<f32>(b + (<usize>p * <usize>n + <usize>j) * 4);
      put1(ci + <usize>j * 4, sum, alpha, acc);
    }
  }
}

/** Fewer than 4 rows, B in place (n x k): C[i, j] = alpha · dot(op(A) row i, B row j), f32x4 along k. */
export function smallRowsTransB(
  a: usize, aRow: usize, aCol: usize, b: usize, c: usize,
  n: i32, k: i32, alpha: f32, acc: bool, rowStart: i32, rowEnd: i32,
): void {
  const ldb = <usize>k * 4;
  const k4 = k & ~3;
  for (let i = rowStart; i < rowEnd; i++) {
    const ai = a + <usize>i * aRow;
    const ci = c + <usize>i * <usize>n * 4;
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
          const v = v128.load(ai + o);
          x0 = madd(v, v128.load(b0 + o), x0);
          x1 = madd(v, v128.load(b1 + o), x1);
          x2 = madd(v, v128.load(b2 + o), x2);
          x3 = madd(v, v128.load(b3 + o), x3);
        }
        let s0 = hsum(x0); let s1 = hsum(x1); let s2 = hsum(x2); let s3 = hsum(x3);
        for (let p = k4; p < k; p++) {
          const o = <usize>p * 4;
          const v = load<f32>(ai + o);
          s0 += v * load<f32>(b0 + o);
          s1 += v * load<f32>(b1 + o);
          s2 += v * load<f32>(b2 + o);
          s3 += v * load<f32>(b3 + o);
        }
        const d = ci + <usize>j0 * 4;
        put1(d, s0, alpha, acc); put1(d + 4, s1, alpha, acc); put1(d + 8, s2, alpha, acc); put1(d + 12, s3, alpha, acc);
      }
    }
    for (let j = j0; j < n; j++) {
      const bj = b + <usize>j * ldb;
      let x = f32x4.splat(0);
      let sum: f32 = 0;
      if (aCol == 4) {
        for (let p = 0; p < k4; p += 4) x = madd(v128.load(ai + <usize>p * 4), v128.load(bj + <usize>p * 4), x);
        sum = hsum(x);
        for (let p = k4; p < k; p++) sum += load<f32>(ai + <usize>p * 4) * load<f32>(bj + <usize>p * 4);
      } else {
        for (let p = 0; p < k; p++) sum += load<f32>(ai + <usize>p * aCol) * load<f32>(bj + <usize>p * 4);
      }
      put1(ci + <usize>j * 4, sum, alpha, acc);
    }
  }
}
