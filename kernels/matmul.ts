/**
 * The three GEMMs backprop needs, on row-major f32 matrices given as byte offsets:
 *   op(A)·op(B) with op(A) = A (m x k) or Aᵀ (A: k x m), op(B) = B (k x n) or Bᵀ (B: n x k); C: m x n.
 * Large shapes are blocked (KC x NC panels of B, MR-row strips of A), packed into per-thread
 * scratch (which is where the transposes happen, so all orientations run the same 4x8
 * micro-kernel), and accumulated in 8 f32x4 registers. Fewer than 4 rows take a vector path
 * that reads B in place, so per-sample steps pay no packing.
 * Rows [rowStart, rowEnd) of C are computed, so threads can split one product by row blocks;
 * each row's arithmetic does not depend on the split, so results are identical for any thread count.
 * beta != 0 accumulates into C (C = alpha·op(A)·op(B) + beta·C): with beta = 1 a plain SGD step
 * W −= (lr/m)·aPrevᵀ·dZ runs as one product that reads and writes W once. A depth of at most
 * SMALL_K (per-sample outer products) streams C row by row instead of packing.
 */
import { madd, hsum } from './simd';

const MR: i32 = 4;
const NR: i32 = 8;
const KC: i32 = 256;
const NC: i32 = 512;
const A_PACK_BYTES: i32 = KC * MR * 4;
const B_PACK_BYTES: i32 = KC * NC * 4;
const TILE_BYTES: i32 = MR * NR * 4;
const SMALL_K: i32 = 4;

/** Bytes of scratch one thread needs for `gemm` (packed A strip, packed B block, one edge tile). */
export function gemmScratchBytes(): i32 {
  return A_PACK_BYTES + B_PACK_BYTES + TILE_BYTES;
}

/**
 * C[rowStart..rowEnd, colStart..colEnd) = alpha · op(A)·op(B) + beta · C. transA/transB: 0 or 1.
 * a, b, c, scratch: byte offsets. beta = 0 never reads C (it may hold NaN). Column ranges other
 * than [0, n) are for the packed path only (m >= 4, and k > SMALL_K or transB).
 */
export function gemm(
  transA: i32, transB: i32, m: i32, n: i32, k: i32,
  a: usize, b: usize, c: usize, alpha: f32, beta: f32,
  rowStart: i32, rowEnd: i32, colStart: i32, colEnd: i32, scratch: usize,
): void {
  if (rowEnd <= rowStart || colEnd <= colStart) return;
  if (beta == 0 && k <= 0) {
    for (let r = rowStart; r < rowEnd; r++) memory.fill(c + (<usize>r * <usize>n + <usize>colStart) * 4, 0, <usize>(colEnd - colStart) * 4);
    return;
  }
  // From here on, beta != 0 means "add to C": other betas scale C first.
  if (beta != 0 && beta != 1) {
    for (let r = rowStart; r < rowEnd; r++) scale(c + (<usize>r * <usize>n + <usize>colStart) * 4, colEnd - colStart, beta);
  }
  if (k <= 0) return;
  const acc = beta != 0;
  // Element (i, p) of op(A) lives at a + i*aRow + p*aCol (bytes).
  const aRow: usize = transA ? 4 : <usize>k * 4;
  const aCol: usize = transA ? <usize>m * 4 : 4;
  if (m < MR) {
    if (transB) smallRowsTransB(a, aRow, aCol, b, c, n, k, alpha, acc, rowStart, rowEnd);
    else if (acc) smallRows(a, aRow, aCol, b, c, n, k, alpha, acc, rowStart, rowEnd);
    else streamRows(a, aCol, b, c, n, k, alpha, aRow, rowStart, rowEnd);
    return;
  }
  if (k <= SMALL_K && !transB) {
    smallDepth(a, aRow, aCol, b, c, n, k, alpha, acc, rowStart, rowEnd);
    return;
  }
  const ap = scratch;
  const bp = scratch + <usize>A_PACK_BYTES;
  const tile = bp + <usize>B_PACK_BYTES;
  // Column blocks start at colStart (a multiple of NR when a product is split by columns), so the
  // 8-wide panels, and with them every element's arithmetic, are the same for any split.
  for (let jc = colStart; jc < colEnd; jc += NC) {
    const nc = min(NC, colEnd - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packB(transB, b, k, n, pc, jc, kc, nc, bp);
      for (let ic = rowStart; ic < rowEnd; ic += MR) {
        const mr = min(MR, rowEnd - ic);
        packA(a + <usize>ic * aRow + <usize>pc * aCol, aRow, aCol, mr, kc, ap);
        const cRow = c + (<usize>ic * <usize>n + <usize>jc) * 4;
        for (let jr = 0; jr < nc; jr += NR) {
          kernel4x8(ap, bp + <usize>jr * <usize>kc * 4, kc, cRow + <usize>jr * 4, <usize>n * 4, alpha, acc || pc > 0, mr, min(NR, nc - jr), tile);
        }
      }
    }
  }
}

/** dst[p*4 + r] = op(A)[r, p] for r < mr (zero rows above mr); src points at op(A)[0, 0] of the strip. */
function packA(src: usize, aRow: usize, aCol: usize, mr: i32, kc: i32, dst: usize): void {
  if (mr == MR && aRow == 4) {
    // Aᵀ: the 4 rows of the strip are 4 consecutive floats of each row of A.
    for (let p = 0; p < kc; p++) v128.store(dst + <usize>p * 16, v128.load(src + <usize>p * aCol));
    return;
  }
  if (mr == MR && aCol == 4) {
    interleave4(src, src + aRow, src + 2 * aRow, src + 3 * aRow, kc, dst, 16);
    return;
  }
  for (let p = 0; p < kc; p++) {
    for (let r = 0; r < MR; r++) {
      const value: f32 = r < mr ? load<f32>(src + <usize>r * aRow + <usize>p * aCol) : 0;
      store<f32>(dst + <usize>(p * MR + r) * 4, value);
    }
  }
}

/** Packs op(B)[p0.., j0..] (kc x nc) as panels of 8 columns: dst[panel][p][8], zero columns past nc. */
function packB(transB: i32, b: usize, k: i32, n: i32, p0: i32, j0: i32, kc: i32, nc: i32, dst: usize): void {
  for (let jp = 0; jp < nc; jp += NR) {
    const nr = min(NR, nc - jp);
    const panel = dst + <usize>jp * <usize>kc * 4;
    if (!transB) {
      let src = b + (<usize>p0 * <usize>n + <usize>(j0 + jp)) * 4;
      const stride = <usize>n * 4;
      if (nr == NR) {
        for (let p = 0; p < kc; p++) {
          v128.store(panel + <usize>p * 32, v128.load(src));
          v128.store(panel + <usize>p * 32, v128.load(src, 16), 16);
          src += stride;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let col = 0; col < NR; col++) {
            store<f32>(panel + <usize>(p * NR + col) * 4, col < nr ? load<f32>(src + <usize>col * 4) : 0);
          }
          src += stride;
        }
      }
    } else {
      for (let g = 0; g < NR; g += 4) packBTransGroup(b, k, p0, j0 + jp + g, kc, nr - g, panel + <usize>g * 4);
    }
  }
}

/** Four columns (rows j.. of B) of a transposed-B panel; `cols` of them exist (may be <= 0). */
function packBTransGroup(b: usize, k: i32, p0: i32, j: i32, kc: i32, cols: i32, dst: usize): void {
  const stride = <usize>k * 4;
  const r0 = b + (<usize>j * <usize>k + <usize>p0) * 4;
  if (cols >= 4) {
    interleave4(r0, r0 + stride, r0 + 2 * stride, r0 + 3 * stride, kc, dst, 32);
    return;
  }
  for (let p = 0; p < kc; p++) {
    for (let col = 0; col < 4; col++) {
      const value: f32 = col < cols ? load<f32>(r0 + <usize>col * stride + <usize>p * 4) : 0;
      store<f32>(dst + <usize>p * 32 + <usize>col * 4, value);
    }
  }
}

/**
 * Interleaves four rows of kc floats (r0..r3) into dst: the four values of index p go to
 * dst + p·step, row r at byte 4r; four p at a time by a 4x4 transpose in registers. Both packers
 * use it: A strips (step 16) and transposed-B panels (step 32, the other half of the 8-wide row).
 */
// @ts-ignore: decorator
@inline function interleave4(r0: usize, r1: usize, r2: usize, r3: usize, kc: i32, dst: usize, step: usize): void {
  let p = 0;
  for (; p + 4 <= kc; p += 4) {
    const o = <usize>p * 4;
    const x0 = v128.load(r0 + o);
    const x1 = v128.load(r1 + o);
    const x2 = v128.load(r2 + o);
    const x3 = v128.load(r3 + o);
    const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
    const t1 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
    const t2 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
    const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
    const d = dst + <usize>p * step;
    v128.store(d, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
    v128.store(d + step, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
    v128.store(d + 2 * step, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
    v128.store(d + 3 * step, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
  }
  for (; p < kc; p++) {
    const o = <usize>p * 4;
    const d = dst + <usize>p * step;
    store<f32>(d, load<f32>(r0 + o));
    store<f32>(d, load<f32>(r1 + o), 4);
    store<f32>(d, load<f32>(r2 + o), 8);
    store<f32>(d, load<f32>(r3 + o), 12);
  }
}

/** C[0..mr, 0..nr] (+)= alpha · Ap·Bp over kc steps; Ap: kc x 4 packed, Bp: kc x 8 packed. */
// @ts-ignore: decorator
@inline function kernel4x8(
  ap: usize, bp: usize, kc: i32, c: usize, ldc: usize,
  alpha: f32, accumulate: bool, mr: i32, nr: i32, tile: usize,
): void {
  let c00 = f32x4.splat(0); let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0); let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0); let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0); let c31 = f32x4.splat(0);
  const end = ap + <usize>kc * 16;
  while (ap < end) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    const a0 = v128.load32_splat(ap);
    c00 = madd(a0, b0, c00); c01 = madd(a0, b1, c01);
    const a1 = v128.load32_splat(ap, 4);
    c10 = madd(a1, b0, c10); c11 = madd(a1, b1, c11);
    const a2 = v128.load32_splat(ap, 8);
    c20 = madd(a2, b0, c20); c21 = madd(a2, b1, c21);
    const a3 = v128.load32_splat(ap, 12);
    c30 = madd(a3, b0, c30); c31 = madd(a3, b1, c31);
    ap += 16;
    bp += 32;
  }
  const va = f32x4.splat(alpha);
  const full = mr == MR && nr == NR;
  const out = full ? c : tile;
  const ld = full ? ldc : 32;
  const acc = full && accumulate;
  storeRow(out, c00, c01, va, acc);
  storeRow(out + ld, c10, c11, va, acc);
  storeRow(out + 2 * ld, c20, c21, va, acc);
  storeRow(out + 3 * ld, c30, c31, va, acc);
  if (full) return;
  for (let r = 0; r < mr; r++) {
    for (let col = 0; col < nr; col++) {
      const dst = c + <usize>r * ldc + <usize>col * 4;
      const value = load<f32>(tile + <usize>(r * NR + col) * 4);
      store<f32>(dst, accumulate ? load<f32>(dst) + value : value);
    }
  }
}

// @ts-ignore: decorator
@inline function storeRow(dst: usize, x0: v128, x1: v128, va: v128, accumulate: bool): void {
  if (accumulate) {
    v128.store(dst, madd(x0, va, v128.load(dst)));
    v128.store(dst, madd(x1, va, v128.load(dst, 16)), 16);
  } else {
    v128.store(dst, f32x4.mul(x0, va));
    v128.store(dst, f32x4.mul(x1, va), 16);
  }
}

/** C[0..count) *= beta. */
function scale(c: usize, count: i32, beta: f32): void {
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
function smallDepth(
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
function streamRows(
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
function smallRows(
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
function smallRowsTransB(
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
