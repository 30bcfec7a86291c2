/**
 * Element-wise kernels, one invocation per element (flat index over a 2-D dispatch of 256-wide
 * workgroups): activation backward, loss gradient, the fused output gradient, and the SGD,
 * momentum and Adam updates. Formulas as in backend/reference.ts.
 */
import { ACTIVATION_WGSL } from './activation.wgsl.js';
import { PARAMS_WGSL } from './params.wgsl.js';

/** Loss name → code for `lossGradient` and `batchTotals`. */
export const LOSS_CODES = { mse: 0, halfSumSquares: 1, crossEntropy: 2, binaryCrossEntropy: 3 } as const;

/** Clipping of probabilities inside logarithms, in f32 (1 − 1e-12 rounds to 1, so 1 − p is floored instead). */
export const CLIP_WGSL = /* wgsl */ `
fn clipLow(x: f32) -> f32 { return max(x, 1e-12); }
`;

const head = (bindings: string) => `${PARAMS_WGSL}\n${bindings}\n`;
const main = (body: string) => /* wgsl */ `
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = flatIndex(gid, groups);
  if (i >= p.count) { return; }
  ${body}
}`;

/** dZ = dA ⊙ f'(Z). Bindings z, a, dA (read), dZ; code = activation, x0 = alpha. */
export const ACTIVATION_BACKWARD = head(`
@group(0) @binding(1) var<storage, read> z: array<f32>;
@group(0) @binding(2) var<storage, read> a: array<f32>;
@group(0) @binding(3) var<storage, read> da: array<f32>;
@group(0) @binding(4) var<storage, read_write> dz: array<f32>;
${ACTIVATION_WGSL}`) + main(`
  dz[p.off3 + i] = da[p.off2 + i] * derivative(p.code, z[p.off0 + i], a[p.off1 + i], p.x0);`);

/** dA = ∂loss/∂ŷ. Bindings yHat, y (read), dA; code = loss, cols = n. */
export const LOSS_GRADIENT = head(`
@group(0) @binding(1) var<storage, read> yHat: array<f32>;
@group(0) @binding(2) var<storage, read> y: array<f32>;
@group(0) @binding(3) var<storage, read_write> da: array<f32>;
${CLIP_WGSL}`) + main(`
  let q = yHat[p.off0 + i];
  let t = y[p.off1 + i];
  var g = q - t;
  if (p.code == 0u) { g = 2.0 * (q - t) / f32(p.cols); }
  else if (p.code == 2u) { g = -t / clipLow(q); }
  else if (p.code == 3u) {
    let c = clipLow(q);
    g = (c - t) / (c * clipLow(1.0 - c));
  }
  da[p.off2 + i] = g;`);

/** dZ = ŷ − y. Bindings yHat, y (read), dZ. */
export const FUSED_OUTPUT_GRADIENT = head(`
@group(0) @binding(1) var<storage, read> yHat: array<f32>;
@group(0) @binding(2) var<storage, read> y: array<f32>;
@group(0) @binding(3) var<storage, read_write> dz: array<f32>;`) + main(`
  dz[p.off2 + i] = yHat[p.off0 + i] - y[p.off1 + i];`);

/** p −= lr·(g + wd·p). Bindings param, grad (read); x0 = lr, x1 = weight decay. */
export const SGD_UPDATE = head(`
@group(0) @binding(1) var<storage, read_write> param: array<f32>;
@group(0) @binding(2) var<storage, read> grad: array<f32>;`) + main(`
  let w = param[p.off0 + i];
  param[p.off0 + i] = w - p.x0 * (grad[p.off1 + i] + p.x1 * w);`);

/** L1 penalty: g += λ·sign(p) (sign(0) = 0, as the reference). Bindings param (read), grad; x0 = λ. */
export const ADD_L1_GRADIENT = head(`
@group(0) @binding(1) var<storage, read> param: array<f32>;
@group(0) @binding(2) var<storage, read_write> grad: array<f32>;`) + main(`
  grad[p.off1 + i] = grad[p.off1 + i] + p.x0 * sign(param[p.off0 + i]);`);

/** Momentum (PyTorch form). Bindings param, grad (read), velocity; x0 lr, x1 momentum, x2 wd, flags 1 = Nesterov. */
export const MOMENTUM_UPDATE = head(`
@group(0) @binding(1) var<storage, read_write> param: array<f32>;
@group(0) @binding(2) var<storage, read> grad: array<f32>;
@group(0) @binding(3) var<storage, read_write> velocity: array<f32>;`) + main(`
  let w = param[p.off0 + i];
  let g = grad[p.off1 + i] + p.x2 * w;
  let v = p.x1 * velocity[p.off2 + i] + g;
  velocity[p.off2 + i] = v;
  param[p.off0 + i] = w - p.x0 * select(v, g + p.x1 * v, p.flags == 1u);`);

/**
 * Adam. Bindings param, grad (read), m, v; x0 lr, x1 β1, x2 β2, x3 ε, x4 = 1 − β1^t,
 * x5 = 1 − β2^t (bias corrections, computed in f64 on the host), x6 weight decay.
 */
export const ADAM_UPDATE = head(`
@group(0) @binding(1) var<storage, read_write> param: array<f32>;
@group(0) @binding(2) var<storage, read> grad: array<f32>;
@group(0) @binding(3) var<storage, read_write> m1: array<f32>;
@group(0) @binding(4) var<storage, read_write> m2: array<f32>;`) + main(`
  let w = param[p.off0 + i];
  let g = grad[p.off1 + i] + p.x6 * w;
  let m = p.x1 * m1[p.off2 + i] + (1.0 - p.x1) * g;
  let v = p.x2 * m2[p.off3 + i] + (1.0 - p.x2) * g * g;
  m1[p.off2 + i] = m;
  m2[p.off3 + i] = v;
  param[p.off0 + i] = w - (p.x0 * (m / p.x4)) / (sqrt(v / p.x5) + p.x3);`);
