/**
 * The uniforms every non-GEMM kernel reads: 20 words (80 bytes). Which fields a kernel uses is
 * written above each shader; `off0..off4` are element offsets of its matrices, in binding order.
 */

/** Number of 32-bit words of the shared uniform block. */
export const PARAM_WORDS = 20;

/** The WGSL declaration of the shared uniform block and the flat invocation index. */
export const PARAMS_WGSL = /* wgsl */ `
struct Params {
  count: u32, rows: u32, cols: u32, code: u32,
  off0: u32, off1: u32, off2: u32, off3: u32,
  off4: u32, flags: u32, pad0: u32, pad1: u32,
  x0: f32, x1: f32, x2: f32, x3: f32,
  x4: f32, x5: f32, x6: f32, x7: f32,
}
@group(0) @binding(0) var<uniform> p: Params;
fn flatIndex(gid: vec3<u32>, groups: vec3<u32>) -> u32 {
  return gid.x + gid.y * groups.x * 256u;
}
`;

/** Values of one kernel's uniforms; missing fields are 0. */
export interface KernelParams {
  readonly count: number;
  readonly rows?: number;
  readonly cols?: number;
  readonly code?: number;
  /** Element offsets of the bound matrices, in binding order. */
  readonly offsets?: readonly number[];
  readonly flags?: number;
  /** Up to 8 float settings (learning rate, scale, ...). */
  readonly floats?: readonly number[];
}

/** Packs `params` into the 20-word uniform layout. */
export function packParams(params: KernelParams): ArrayBuffer {
  const buffer = new ArrayBuffer(PARAM_WORDS * 4);
  const u = new Uint32Array(buffer);
  const f = new Float32Array(buffer);
  u[0] = params.count;
  u[1] = params.rows ?? 0;
  u[2] = params.cols ?? 0;
  u[3] = params.code ?? 0;
  (params.offsets ?? []).forEach((offset, i) => (u[4 + i] = offset));
  u[9] = params.flags ?? 0;
  (params.floats ?? []).forEach((value, i) => (f[12 + i] = value));
  return buffer;
}
