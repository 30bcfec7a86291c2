/**
 * One layer's per-sample SGD update fused with the next sample's forward product, in one pass
 * over the weights:
 *   W += alpha·u⊗d     rank1Update   (W: k x n, u: 1 x k, d: 1 x n)
 *   z  = x·W           rowWrite with alpha 1, on the updated rows (x: 1 x k, z: 1 x n)
 * Unfused, W is read and written by the update, then read again by the product; here each
 * block of columns of each row is loaded once, updated, stored, and multiplied into
 * accumulators that stay in registers for all k rows. Both halves are made of the row
 * primitives' own element steps (rows.ts): `updateLanes`/`updateScalar` with
 * s = rankOneScale(alpha, u[p]) as in rank1Update, and `productLanes`/`productScalar` over p in
 * order from 0 as in rowWrite. So every element gets exactly the arithmetic of gemm's two calls,
 * and the result is theirs bit for bit, by construction.
 */
import { productLanes, productScalar, rankOneScale, updateLanes, updateScalar } from './rows';

/**
 * The fused step over columns [colStart, colEnd) of n (a thread's share: colStart a multiple of
 * 4, so the columns n mod 4 at the end take the scalar path whatever the split, and every column
 * the same arithmetic). Pointers are byte offsets: w (k x n), u (k), d (n), x (k), z (n).
 */
export function updateForwardRow(k: i32, n: i32, u: usize, d: usize, w: usize, alpha: f32, x: usize, z: usize, colStart: i32, colEnd: i32): void {
  const ldw = <usize>n * 4;
  const end4 = min(n & ~3, colEnd);
  let j = colStart;
  // Sixteen columns at a time: 4 accumulators and 4 vectors of d in registers.
  for (; j + 16 <= end4; j += 16) {
    const o = <usize>j * 4;
    const d0 = v128.load(d + o);
    const d1 = v128.load(d + o, 16);
    const d2 = v128.load(d + o, 32);
    const d3 = v128.load(d + o, 48);
    let z0 = f32x4.splat(0);
    let z1 = f32x4.splat(0);
    let z2 = f32x4.splat(0);
    let z3 = f32x4.splat(0);
    let row = w + o;
    for (let p = 0; p < k; p++) {
      const s = f32x4.splat(rankOneScale(alpha, load<f32>(u + <usize>p * 4)));
      const sx = v128.load32_splat(x + <usize>p * 4);
      const w0 = updateLanes(s, d0, v128.load(row));
      const w1 = updateLanes(s, d1, v128.load(row, 16));
      const w2 = updateLanes(s, d2, v128.load(row, 32));
      const w3 = updateLanes(s, d3, v128.load(row, 48));
      v128.store(row, w0);
      v128.store(row, w1, 16);
      v128.store(row, w2, 32);
      v128.store(row, w3, 48);
      z0 = productLanes(sx, w0, z0);
      z1 = productLanes(sx, w1, z1);
      z2 = productLanes(sx, w2, z2);
      z3 = productLanes(sx, w3, z3);
      row += ldw;
    }
    v128.store(z + o, z0);
    v128.store(z + o, z1, 16);
    v128.store(z + o, z2, 32);
    v128.store(z + o, z3, 48);
  }
  for (; j < end4; j += 4) {
    const o = <usize>j * 4;
    const d0 = v128.load(d + o);
    let z0 = f32x4.splat(0);
    let row = w + o;
    for (let p = 0; p < k; p++) {
      const w0 = updateLanes(f32x4.splat(rankOneScale(alpha, load<f32>(u + <usize>p * 4))), d0, v128.load(row));
      v128.store(row, w0);
      z0 = productLanes(v128.load32_splat(x + <usize>p * 4), w0, z0);
      row += ldw;
    }
    v128.store(z + o, z0);
  }
  // The last n mod 4 columns, scalar, as the primitives' scalar tails.
  for (; j < colEnd; j++) {
    const dj = load<f32>(d + <usize>j * 4);
    let sum: f32 = 0;
    let at = w + <usize>j * 4;
    for (let p = 0; p < k; p++) {
      const wp = updateScalar(load<f32>(at), rankOneScale(alpha, load<f32>(u + <usize>p * 4)), dj);
      store<f32>(at, wp);
      sum = productScalar(sum, load<f32>(x + <usize>p * 4), wp);
      at += ldw;
    }
    store<f32>(z + <usize>j * 4, sum);
  }
}
