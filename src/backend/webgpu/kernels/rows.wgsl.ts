/**
 * Row- and column-wise kernels: softmax and its backward pass (one invocation per row),
 * sumColumns (one per column), the gathers that build a batch from rows uploaded once, and the
 * per-batch totals (loss, correct, |error|) that training reads back once per epoch.
 */
import { CLIP_WGSL } from './elementwise.wgsl.js';
import { PARAMS_WGSL } from './params.wgsl.js';

const indexed = (bindings: string, body: string) => /* wgsl */ `${PARAMS_WGSL}
${bindings}
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = flatIndex(gid, groups);
  if (i >= p.count) { return; }
  ${body}
}`;

/** A[r] = softmax(Z[r]), one invocation per row r (count = rows). Bindings z (read), a; cols = n. */
export const SOFTMAX_ROWS = indexed(`
@group(0) @binding(1) var<storage, read> z: array<f32>;
@group(0) @binding(2) var<storage, read_write> a: array<f32>;`, `
  let zi = p.off0 + i * p.cols;
  let ai = p.off1 + i * p.cols;
  var top = z[zi];
  for (var j = 1u; j < p.cols; j = j + 1u) { top = max(top, z[zi + j]); }
  var sum = 0.0;
  for (var j = 0u; j < p.cols; j = j + 1u) {
    let e = exp(z[zi + j] - top);
    a[ai + j] = e;
    sum = sum + e;
  }
  for (var j = 0u; j < p.cols; j = j + 1u) { a[ai + j] = a[ai + j] / sum; }`);

/** dZ = A ⊙ (dA − rowsum(dA ⊙ A)), one invocation per row. Bindings a, dA (read), dZ. */
export const SOFTMAX_BACKWARD = indexed(`
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> da: array<f32>;
@group(0) @binding(3) var<storage, read_write> dz: array<f32>;`, `
  let ai = p.off0 + i * p.cols;
  let di = p.off1 + i * p.cols;
  let zi = p.off2 + i * p.cols;
  var inner = 0.0;
  for (var j = 0u; j < p.cols; j = j + 1u) { inner = inner + da[di + j] * a[ai + j]; }
  for (var j = 0u; j < p.cols; j = j + 1u) { dz[zi + j] = a[ai + j] * (da[di + j] - inner); }`);

/** out[j] = x0 · Σ_r M[r][j], one invocation per column (count = cols). Bindings M (read), out. */
export const SUM_COLUMNS = indexed(`
@group(0) @binding(1) var<storage, read> values: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;`, `
  var sum = 0.0;
  for (var r = 0u; r < p.rows; r = r + 1u) { sum = sum + values[p.off0 + r * p.cols + i]; }
  dst[p.off1 + i] = p.x0 * sum;`);

/** out[r][j] = src[idx[r]][j] (count = rows·cols). Bindings src (f32, read), idx (read), out; cols. */
export const GATHER_ROWS = indexed(`
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read> idx: array<u32>;
@group(0) @binding(3) var<storage, read_write> dst: array<f32>;`, `
  let r = i / p.cols;
  let j = i % p.cols;
  dst[p.off2 + i] = src[idx[r] * p.cols + j];`);

/** out[r][j] = byte(src, idx[r]·cols + j)·x0 + x1: bytes packed four to a u32, little-endian. */
export const GATHER_ROWS_U8 = indexed(`
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<storage, read> idx: array<u32>;
@group(0) @binding(3) var<storage, read_write> dst: array<f32>;`, `
  let r = i / p.cols;
  let j = i % p.cols;
  let at = idx[r] * p.cols + j;
  let value = (src[at >> 2u] >> ((at & 3u) * 8u)) & 255u;
  dst[p.off2 + i] = f32(value) * p.x0 + p.x1;`);

/**
 * totals[0] += Σ_r loss(ŷ_r, y_r), totals[1] += rows whose argmax agrees (one output: both on the
 * same side of 0.5), totals[2] += Σ |ŷ − y|. One workgroup of 256; rows and cols set, code = loss.
 * Bindings yHat, y (read), totals.
 */
export const BATCH_TOTALS = /* wgsl */ `${PARAMS_WGSL}
@group(0) @binding(1) var<storage, read> yHat: array<f32>;
@group(0) @binding(2) var<storage, read> y: array<f32>;
@group(0) @binding(3) var<storage, read_write> totals: array<f32>;
${CLIP_WGSL}
var<workgroup> partialSums: array<vec3<f32>, 256>;

fn rowLoss(q0: u32, t0: u32) -> f32 {
  var sum = 0.0;
  for (var j = 0u; j < p.cols; j = j + 1u) {
    let q = yHat[q0 + j];
    let t = y[t0 + j];
    let d = q - t;
    if (p.code == 0u) { sum = sum + d * d; }
    else if (p.code == 1u) { sum = sum + 0.5 * d * d; }
    else if (p.code == 2u) { if (t != 0.0) { sum = sum - t * log(clipLow(q)); } }
    else {
      let c = clipLow(q);
      sum = sum - (t * log(c) + (1.0 - t) * log(clipLow(1.0 - c)));
    }
  }
  if (p.code == 0u) { return sum / f32(p.cols); }
  return sum;
}

fn rowCorrect(q0: u32, t0: u32) -> f32 {
  if (p.cols == 1u) { return select(0.0, 1.0, (yHat[q0] >= 0.5) == (y[t0] >= 0.5)); }
  var best = 0u;
  var bestTrue = 0u;
  for (var j = 1u; j < p.cols; j = j + 1u) {
    if (yHat[q0 + j] > yHat[q0 + best]) { best = j; }
    if (y[t0 + j] > y[t0 + bestTrue]) { bestTrue = j; }
  }
  return select(0.0, 1.0, best == bestTrue);
}

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) t: u32) {
  var sums = vec3<f32>(0.0, 0.0, 0.0);
  for (var r = t; r < p.rows; r = r + 256u) {
    let q0 = p.off0 + r * p.cols;
    let t0 = p.off1 + r * p.cols;
    var err = 0.0;
    for (var j = 0u; j < p.cols; j = j + 1u) { err = err + abs(yHat[q0 + j] - y[t0 + j]); }
    sums = sums + vec3<f32>(rowLoss(q0, t0), rowCorrect(q0, t0), err);
  }
  partialSums[t] = sums;
  workgroupBarrier();
  for (var width = 128u; width > 0u; width = width >> 1u) {
    if (t < width) { partialSums[t] = partialSums[t] + partialSums[t + width]; }
    workgroupBarrier();
  }
  if (t == 0u) {
    totals[p.off2] = totals[p.off2] + partialSums[0].x;
    totals[p.off2 + 1u] = totals[p.off2 + 1u] + partialSums[0].y;
    totals[p.off2 + 2u] = totals[p.off2 + 2u] + partialSums[0].z;
  }
}
`;
