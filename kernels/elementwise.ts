/**
 * Element-wise kernels: activations and their derivatives (selected by code, one loop each),
 * optimiser updates, and row gathers. Pointers are byte offsets into the shared memory;
 * `count` is a number of f32 elements. SIMD bodies are followed by scalar tails.
 *
 * Activation codes (same order as ACTIVATION_NAMES): 0 sigmoid, 1 tanh, 2 relu, 3 leakyRelu, 4 linear, 5 softmax.
 */
import { madd } from './simd';
import { softmaxRows } from './reduce';

export const SIGMOID = 0;
export const TANH = 1;
export const RELU = 2;
export const LEAKY_RELU = 3;
export const LINEAR = 4;
export const SOFTMAX = 5;

function sigmoid(z: f32): f32 {
  if (z >= 0) return 1 / (1 + Mathf.exp(-z));
  const e = Mathf.exp(z);
  return e / (1 + e);
}

/** A = f(Z) on rows [rowStart, rowEnd) of m x n matrices (in place allowed: z == a). */
export function activationRows(act: i32, alpha: f32, z: usize, a: usize, rowStart: i32, rowEnd: i32, n: i32): void {
  if (act == SOFTMAX) {
    softmaxRows(z, a, rowStart, rowEnd, n);
    return;
  }
  const offset = <usize>rowStart * <usize>n * 4;
  activation(act, alpha, z + offset, a + offset, (rowEnd - rowStart) * n);
}

function activation(act: i32, alpha: f32, z: usize, a: usize, count: i32): void {
  const count4 = count & ~3;
  if (act == SIGMOID || act == TANH) {
    for (let i = 0; i < count; i++) {
      const o = <usize>i * 4;
      const x = load<f32>(z + o);
      store<f32>(a + o, act == SIGMOID ? sigmoid(x) : Mathf.tanh(x));
    }
    return;
  }
  if (act == LINEAR) {
    if (z != a) memory.copy(a, z, <usize>count * 4);
    return;
  }
  const slope: f32 = act == RELU ? 0 : alpha;
  const vs = f32x4.splat(slope);
  const zero = f32x4.splat(0);
  for (let i = 0; i < count4; i += 4) {
    const o = <usize>i * 4;
    const x = v128.load(z + o);
    v128.store(a + o, v128.bitselect(x, f32x4.mul(x, vs), f32x4.gt(x, zero)));
  }
  for (let i = count4; i < count; i++) {
    const o = <usize>i * 4;
    const x = load<f32>(z + o);
    store<f32>(a + o, x > 0 ? x : slope * x);
  }
}

/** dZ = dA ⊙ f'(Z) (softmax: row-wise Jacobian-vector product). Z, A, dA, dZ: rows x n. */
export function activationBackward(act: i32, alpha: f32, z: usize, a: usize, da: usize, dz: usize, rows: i32, n: i32): void {
  if (act == SOFTMAX) {
    for (let r = 0; r < rows; r++) softmaxBackwardRow(a, da, dz, <usize>r * <usize>n * 4, n);
    return;
  }
  const count = rows * n;
  const count4 = count & ~3;
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  const vs = f32x4.splat(act == RELU ? 0 : alpha);
  for (let i = 0; i < count4; i += 4) {
    const o = <usize>i * 4;
    const g = v128.load(da + o);
    let d: v128;
    if (act == SIGMOID) {
      const y = v128.load(a + o);
      d = f32x4.mul(g, f32x4.mul(y, f32x4.sub(one, y)));
    } else if (act == TANH) {
      const y = v128.load(a + o);
      d = f32x4.mul(g, f32x4.sub(one, f32x4.mul(y, y)));
    } else if (act == LINEAR) {
      d = g;
    } else {
      d = v128.bitselect(g, f32x4.mul(g, vs), f32x4.gt(v128.load(z + o), zero));
    }
    v128.store(dz + o, d);
  }
  const slope: f32 = act == RELU ? 0 : alpha;
  for (let i = count4; i < count; i++) {
    const o = <usize>i * 4;
    const g = load<f32>(da + o);
    const y = load<f32>(a + o);
    let d: f32;
    if (act == SIGMOID) d = g * (y * (1 - y));
    else if (act == TANH) d = g * (1 - y * y);
    else if (act == LINEAR) d = g;
    else d = load<f32>(z + o) > 0 ? g : g * slope;
    store<f32>(dz + o, d);
  }
}

function softmaxBackwardRow(a: usize, da: usize, dz: usize, offset: usize, n: i32): void {
  let dot: f32 = 0;
  for (let j = 0; j < n; j++) {
    const o = offset + <usize>j * 4;
    dot += load<f32>(da + o) * load<f32>(a + o);
  }
  for (let j = 0; j < n; j++) {
    const o = offset + <usize>j * 4;
    store<f32>(dz + o, load<f32>(a + o) * (load<f32>(da + o) - dot));
  }
}

/** dZ = ŷ − y over count elements. */
export function fusedOutputGradient(yHat: usize, y: usize, dz: usize, count: i32): void {
  const count4 = count & ~3;
  for (let i = 0; i < count4; i += 4) {
    const o = <usize>i * 4;
    v128.store(dz + o, f32x4.sub(v128.load(yHat + o), v128.load(y + o)));
  }
  for (let i = count4; i < count; i++) {
    const o = <usize>i * 4;
    store<f32>(dz + o, load<f32>(yHat + o) - load<f32>(y + o));
  }
}

/** p −= lr·(g + weightDecay·p). */
export function sgdUpdate(p: usize, g: usize, count: i32, lr: f32, weightDecay: f32): void {
  const count4 = count & ~3;
  const vlr = f32x4.splat(-lr);
  const vwd = f32x4.splat(weightDecay);
  for (let i = 0; i < count4; i += 4) {
    const o = <usize>i * 4;
    const pi = v128.load(p + o);
    v128.store(p + o, madd(vlr, madd(vwd, pi, v128.load(g + o)), pi));
  }
  for (let i = count4; i < count; i++) {
    const o = <usize>i * 4;
    const pi = load<f32>(p + o);
    store<f32>(p + o, pi - lr * (load<f32>(g + o) + weightDecay * pi));
  }
}

/** Momentum (PyTorch form), classical or Nesterov; see Backend.momentumUpdate. */
export function momentumUpdate(
  p: usize, g: usize, v: usize, count: i32, lr: f32, momentum: f32, nesterov: i32, weightDecay: f32,
): void {
  const count4 = count & ~3;
  const vlr = f32x4.splat(-lr);
  const vmu = f32x4.splat(momentum);
  const vwd = f32x4.splat(weightDecay);
  for (let i = 0; i < count4; i += 4) {
    const o = <usize>i * 4;
    const pi = v128.load(p + o);
    const gi = madd(vwd, pi, v128.load(g + o));
    const vi = madd(vmu, v128.load(v + o), gi);
    v128.store(v + o, vi);
    const step = nesterov ? madd(vmu, vi, gi) : vi;
    v128.store(p + o, madd(vlr, step, pi));
  }
  for (let i = count4; i < count; i++) {
    const o = <usize>i * 4;
    const pi = load<f32>(p + o);
    const gi = load<f32>(g + o) + weightDecay * pi;
    const vi = momentum * load<f32>(v + o) + gi;
    store<f32>(v + o, vi);
    store<f32>(p + o, pi - lr * (nesterov ? gi + momentum * vi : vi));
  }
}

/** Adam with bias corrections c1 = 1−β1^t, c2 = 1−β2^t; see Backend.adamUpdate. */
export function adamUpdate(
  p: usize, g: usize, m: usize, v: usize, count: i32,
  lr: f32, beta1: f32, beta2: f32, epsilon: f32, c1: f32, c2: f32, weightDecay: f32,
): void {
  const count4 = count & ~3;
  const vb1 = f32x4.splat(beta1);
  const vb1c = f32x4.splat(1 - beta1);
  const vb2 = f32x4.splat(beta2);
  const vb2c = f32x4.splat(1 - beta2);
  const vwd = f32x4.splat(weightDecay);
  const vstep = f32x4.splat(lr / c1);
  const vc2 = f32x4.splat(1 / c2);
  const veps = f32x4.splat(epsilon);
  for (let i = 0; i < count4; i += 4) {
    const o = <usize>i * 4;
    const pi = v128.load(p + o);
    const gi = madd(vwd, pi, v128.load(g + o));
    const mi = madd(vb1, v128.load(m + o), f32x4.mul(vb1c, gi));
    const vi = madd(vb2, v128.load(v + o), f32x4.mul(vb2c, f32x4.mul(gi, gi)));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const denom = f32x4.add(f32x4.sqrt(f32x4.mul(vi, vc2)), veps);
    v128.store(p + o, f32x4.sub(pi, f32x4.div(f32x4.mul(vstep, mi), denom)));
  }
  const step: f32 = lr / c1;
  const inv2: f32 = 1 / c2;
  for (let i = count4; i < count; i++) {
    const o = <usize>i * 4;
    const pi = load<f32>(p + o);
    const gi = load<f32>(g + o) + weightDecay * pi;
    const mi = beta1 * load<f32>(m + o) + (1 - beta1) * gi;
    const vi = beta2 * load<f32>(v + o) + (1 - beta2) * (gi * gi);
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(p + o, pi - (step * mi) / (Mathf.sqrt(vi * inv2) + epsilon));
  }
}

/** out[i] = source row indices[i] (n f32 each), for i < rows; indices: i32 array. */
export function gatherRows(source: usize, indices: usize, rows: i32, n: i32, out: usize): void {
  const bytes = <usize>n * 4;
  for (let i = 0; i < rows; i++) {
    const row = <usize>load<i32>(indices + <usize>i * 4);
    memory.copy(out + <usize>i * bytes, source + row * bytes, bytes);
  }
}

/**
 * out[i][j] = source[row][j]·scale + shift with row = indices[i]; source rows of n bytes.
 * Rows picked at random from a large source (a shuffled batch of images) each start with a cache
 * (and often TLB) miss; converting row by row would wait for them one after another. A first pass
 * touches every cache line of every row, so the misses are in flight together; the second pass
 * then converts from cache. Bytes convert through signed i32 (exact for 0..255, and one
 * instruction where the unsigned form takes several).
 */
export function gatherRowsU8(source: usize, indices: usize, rows: i32, n: i32, scale: f32, shift: f32, out: usize): u32 {
  let touched: u32 = 0;
  for (let i = 0; i < rows; i++) {
    const src = source + <usize>load<i32>(indices + <usize>i * 4) * <usize>n;
    for (let j = 0; j < n; j += 64) touched += load<u8>(src + <usize>j);
    if (n > 0) touched += load<u8>(src + <usize>(n - 1));
  }
  const vscale = f32x4.splat(scale);
  const vshift = f32x4.splat(shift);
  const n16 = n & ~15;
  for (let i = 0; i < rows; i++) {
    const src = source + <usize>load<i32>(indices + <usize>i * 4) * <usize>n;
    const dst = out + <usize>i * <usize>n * 4;
    for (let j = 0; j < n16; j += 16) {
      const bytes = v128.load(src + <usize>j);
      const lo = i16x8.extend_low_i8x16_u(bytes);
      const hi = i16x8.extend_high_i8x16_u(bytes);
      const d = dst + <usize>j * 4;
      v128.store(d, madd(f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(lo)), vscale, vshift));
      v128.store(d, madd(f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(lo)), vscale, vshift), 16);
      v128.store(d, madd(f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_u(hi)), vscale, vshift), 32);
      v128.store(d, madd(f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_u(hi)), vscale, vshift), 48);
    }
    for (let j = n16; j < n; j++) {
      store<f32>(dst + <usize>j * 4, <f32>load<u8>(src + <usize>j) * scale + shift);
    }
  }
  return touched; // returned so the touching loads are kept
}
