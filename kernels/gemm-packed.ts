/**
 * The packed path of gemm (matmul.ts): op(A) strips of MR rows and op(B) panels of NR columns
 * are packed into per-thread scratch (the transposes happen here, so every orientation runs the
 * same 4x8 micro-kernel), then accumulated in 8 f32x4 registers over KC steps.
 */
import { madd } from './simd';

/** Blocking: MR x NR micro-tiles, KC-deep and NC-wide panels of B. */
export const MR: i32 = 4;
export const NR: i32 = 8;
export const KC: i32 = 256;
export const NC: i32 = 512;
export const A_PACK_BYTES: i32 = KC * MR * 4;
export const B_PACK_BYTES: i32 = KC * NC * 4;
export const TILE_BYTES: i32 = MR * NR * 4;

/** dst[p*4 + r] = op(A)[r, p] for r < mr (zero rows above mr); src points at op(A)[0, 0] of the strip. */
export function packA(src: usize, aRow: usize, aCol: usize, mr: i32, kc: i32, dst: usize): void {
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
export function packB(transB: i32, b: usize, k: i32, n: i32, p0: i32, j0: i32, kc: i32, nc: i32, dst: usize): void {
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
@inline export function kernel4x8(
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
