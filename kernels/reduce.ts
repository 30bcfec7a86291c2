/**
 * Row and column reductions: softmax per row, the losses (value and gradient), sumColumns.
 * Loss codes (same order as LOSS_NAMES): 0 mse, 1 halfSumSquares, 2 crossEntropy, 3 binaryCrossEntropy.
 * Losses work in f64, like the reference, since they touch only the small output layer.
 */
const MSE = 0;
const HALF_SUM_SQUARES = 1;
const CROSS_ENTROPY = 2;
const PROBABILITY_EPSILON: f64 = 1e-12;

/** A[r] = softmax(Z[r]) for rows [rowStart, rowEnd) of n columns (z == a allowed). */
export function softmaxRows(z: usize, a: usize, rowStart: i32, rowEnd: i32, n: i32): void {
  for (let r = rowStart; r < rowEnd; r++) {
    const o = <usize>r * <usize>n * 4;
    let max: f32 = -Infinity;
    for (let j = 0; j < n; j++) max = Mathf.max(max, load<f32>(z + o + <usize>j * 4));
    let sum: f32 = 0;
    for (let j = 0; j < n; j++) {
      const e = Mathf.exp(load<f32>(z + o + <usize>j * 4) - max);
      store<f32>(a + o + <usize>j * 4, e);
      sum += e;
    }
    const inv: f32 = 1 / sum;
    for (let j = 0; j < n; j++) store<f32>(a + o + <usize>j * 4, load<f32>(a + o + <usize>j * 4) * inv);
  }
}

function clip(p: f64): f64 {
  return Math.min(Math.max(p, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON);
}

/** Mean over rows of the per-sample loss. yHat, y: rows x n. */
export function lossValue(loss: i32, yHat: usize, y: usize, rows: i32, n: i32): f64 {
  if (rows == 0) return 0;
  let total: f64 = 0;
  for (let r = 0; r < rows; r++) {
    let sum: f64 = 0;
    for (let j = 0; j < n; j++) {
      const o = (<usize>r * <usize>n + <usize>j) * 4;
      const p = <f64>load<f32>(yHat + o);
      const t = <f64>load<f32>(y + o);
      if (loss == MSE) sum += (p - t) * (p - t);
      else if (loss == HALF_SUM_SQUARES) sum += 0.5 * (t - p) * (t - p);
      else if (loss == CROSS_ENTROPY) sum -= t != 0 ? t * Math.log(clip(p)) : 0;
      else sum -= t * Math.log(clip(p)) + (1 - t) * Math.log(1 - clip(p));
    }
    total += loss == MSE ? sum / n : sum;
  }
  return total / rows;
}

/** dA = ∂(per-sample loss)/∂ŷ element-wise; n is the number of outputs per sample. */
export function lossGradient(loss: i32, yHat: usize, y: usize, da: usize, count: i32, n: i32): void {
  for (let i = 0; i < count; i++) {
    const o = <usize>i * 4;
    const p = <f64>load<f32>(yHat + o);
    const t = <f64>load<f32>(y + o);
    let g: f64;
    if (loss == MSE) g = (2 * (p - t)) / n;
    else if (loss == HALF_SUM_SQUARES) g = p - t;
    else if (loss == CROSS_ENTROPY) g = -t / clip(p);
    else g = (clip(p) - t) / (clip(p) * (1 - clip(p)));
    store<f32>(da + o, <f32>g);
  }
}

/** out = scale · Σ_rows M. M: rows x n, out: 1 x n (must not alias M). */
export function sumColumns(mat: usize, out: usize, rows: i32, n: i32, scale: f32): void {
  memory.fill(out, 0, <usize>n * 4);
  const n4 = n & ~3;
  for (let r = 0; r < rows; r++) {
    const row = mat + <usize>r * <usize>n * 4;
    for (let j = 0; j < n4; j += 4) {
      const o = <usize>j * 4;
      v128.store(out + o, f32x4.add(v128.load(out + o), v128.load(row + o)));
    }
    for (let j = n4; j < n; j++) {
      const o = <usize>j * 4;
      store<f32>(out + o, load<f32>(out + o) + load<f32>(row + o));
    }
  }
  const vs = f32x4.splat(scale);
  for (let j = 0; j < n4; j += 4) v128.store(out + <usize>j * 4, f32x4.mul(v128.load(out + <usize>j * 4), vs));
  for (let j = n4; j < n; j++) store<f32>(out + <usize>j * 4, load<f32>(out + <usize>j * 4) * scale);
}
