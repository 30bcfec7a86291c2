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
 * This file dispatches; the packed path is in gemm-packed.ts, the unpacked ones are the named
 * row primitives of rows.ts. A depth-1 accumulating product (a per-sample SGD step) is always
 * rank1Update, whatever m: the update update-forward.ts fuses with the next forward product.
 */
import { A_PACK_BYTES, B_PACK_BYTES, KC, kernel4x8, MR, NC, NR, packA, packB, TILE_BYTES } from './gemm-packed';
import { rank1Update, rank1Write, rowAccumulate, rowDotsTransB, rowWrite, scale, shallowRows } from './rows';

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
  if (k == 1 && acc && !transB) {
    rank1Update(c, a, aRow, b, n, alpha, rowStart, rowEnd);
    return;
  }
  if (m < MR) {
    for (let i = rowStart; i < rowEnd; i++) {
      const ai = a + <usize>i * aRow;
      const ci = c + <usize>i * <usize>n * 4;
      if (transB) rowDotsTransB(ai, aCol, b, ci, n, k, alpha, acc);
      else if (acc) rowAccumulate(ai, aCol, b, ci, n, k, alpha);
      else rowWrite(ai, aCol, b, ci, n, k, alpha);
    }
    return;
  }
  if (k <= SMALL_K && !transB) {
    if (k == 1) rank1Write(c, a, aRow, b, n, alpha, rowStart, rowEnd);
    else shallowRows(a, aRow, aCol, b, c, n, k, alpha, acc, rowStart, rowEnd);
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

