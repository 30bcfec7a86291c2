/**
 * WGSL for the three GEMM orientations backprop needs, with the dense layer's epilogue fused in.
 *
 * C (m x n) = alpha · op(A)·op(B) + beta · C, then optionally + bias (1 x n) and A_out = f(C):
 *   'nn': A m x k, B k x n (matmul, denseForward)
 *   'tn': A k x m, B k x n (matmulTransA: dW = A_prevᵀ·dZ)
 *   'nt': A m x k, B n x k (matmulTransB: dA_prev = dZ·Wᵀ)
 * One workgroup of 16 x 16 invocations computes a 64 x 64 tile of C, each invocation a 4 x 4
 * register block (rows lid.y + 16r, columns lid.x + 16c), over k in steps of 16 staged through
 * workgroup memory. Edges are bounds-checked, so any shape works. Every matrix is bound whole and
 * addressed from an element offset in the uniforms (row-prefix views and sub-arrays need no
 * aligned binding offsets).
 */
import { ACTIVATION_WGSL } from './activation.wgsl.js';

/** Which operands are transposed. */
export type GemmOrientation = 'nn' | 'tn' | 'nt';

/** Rows and columns of C per workgroup. */
export const GEMM_TILE = 64;

/** Flag bits of the GEMM uniforms. */
export const GEMM_FLAGS = { readC: 1, bias: 2, writeActivation: 4 } as const;

/** The GEMM shader for one orientation. Uniform layout: see `Gemm` below (16 words). */
export function gemmShader(orientation: GemmOrientation): string {
  const indexA = orientation === 'tn' ? 'q * p.m + i' : 'i * p.k + q';
  const indexB = orientation === 'nt' ? 'j * p.k + q' : 'q * p.n + j';
  return /* wgsl */ `
struct Gemm {
  m: u32, k: u32, n: u32, flags: u32,
  offA: u32, offB: u32, offC: u32, offBias: u32,
  offOut: u32, activation: u32, pad0: u32, pad1: u32,
  alpha: f32, beta: f32, activationAlpha: f32, pad2: f32,
}
@group(0) @binding(0) var<uniform> p: Gemm;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;
@group(0) @binding(5) var<storage, read_write> activated: array<f32>;

${ACTIVATION_WGSL}

var<workgroup> tileA: array<f32, 1024>; // [16 k][64 rows]
var<workgroup> tileB: array<f32, 1024>; // [16 k][64 cols]

fn loadA(i: u32, q: u32) -> f32 {
  if (i >= p.m || q >= p.k) { return 0.0; }
  return a[p.offA + ${indexA}];
}
fn loadB(q: u32, j: u32) -> f32 {
  if (q >= p.k || j >= p.n) { return 0.0; }
  return b[p.offB + ${indexB}];
}

/** Epilogue of one row of a 4 x 4 block: columns j, j + 16, j + 32, j + 48. */
fn store(i: u32, j0: u32, acc: vec4<f32>) {
  if (i >= p.m) { return; }
  for (var s = 0u; s < 4u; s = s + 1u) {
    let j = j0 + 16u * s;
    if (j >= p.n) { return; }
    let at = i * p.n + j;
    var v = p.alpha * acc[s];
    if ((p.flags & ${GEMM_FLAGS.readC}u) != 0u) { v = v + p.beta * c[p.offC + at]; }
    if ((p.flags & ${GEMM_FLAGS.bias}u) != 0u) { v = v + bias[p.offBias + j]; }
    c[p.offC + at] = v;
    if ((p.flags & ${GEMM_FLAGS.writeActivation}u) != 0u) {
      activated[p.offOut + at] = activate(p.activation, v, p.activationAlpha);
    }
  }
}

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let row0 = wg.y * 64u;
  let col0 = wg.x * 64u;
  let t = lid.y * 16u + lid.x;
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (var q0 = 0u; q0 < p.k; q0 = q0 + 16u) {
    for (var e = 0u; e < 4u; e = e + 1u) {
      let idx = t + e * 256u;
      ${orientation === 'tn' ? 'let ai = idx % 64u; let aq = idx / 64u;' : 'let ai = idx / 16u; let aq = idx % 16u;'}
      tileA[aq * 64u + ai] = loadA(row0 + ai, q0 + aq);
      ${orientation === 'nt' ? 'let bj = idx / 16u; let bq = idx % 16u;' : 'let bj = idx % 64u; let bq = idx / 64u;'}
      tileB[bq * 64u + bj] = loadB(q0 + bq, col0 + bj);
    }
    workgroupBarrier();
    for (var q = 0u; q < 16u; q = q + 1u) {
      let base = q * 64u;
      let bv = vec4<f32>(tileB[base + lid.x], tileB[base + lid.x + 16u], tileB[base + lid.x + 32u], tileB[base + lid.x + 48u]);
      acc0 = acc0 + tileA[base + lid.y] * bv;
      acc1 = acc1 + tileA[base + lid.y + 16u] * bv;
      acc2 = acc2 + tileA[base + lid.y + 32u] * bv;
      acc3 = acc3 + tileA[base + lid.y + 48u] * bv;
    }
    workgroupBarrier();
  }
  store(row0 + lid.y, col0 + lid.x, acc0);
  store(row0 + lid.y + 16u, col0 + lid.x, acc1);
  store(row0 + lid.y + 32u, col0 + lid.x, acc2);
  store(row0 + lid.y + 48u, col0 + lid.x, acc3);
}
`;
}
