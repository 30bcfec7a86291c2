/**
 * A/B micro-bench of the small-m kernels, two kernel builds in one process, interleaved: the
 * per-sample fused update-forward (784x200 and 200x10), one-row products (rowWrite), the
 * depth-1 weight update (rank1Update) and the one-row transposed product (dA_prev). Each round
 * times every case on both builds; the report gives the median and spread of µs per call, and
 * checks that both builds write the same bits.
 *
 *   node --experimental-wasm-relaxed-simd --import tsx bench/row-kernels.ts OLD.generated.ts [NEW.generated.ts]
 * (ROUNDS: rounds, default 15; CASE: only cases whose name contains it.)
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

type Builds = { simd: string; relaxed: string };
type Exports = Record<string, (...args: number[]) => number>;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

async function load(path: string): Promise<Builds> {
  return ((await import(pathToFileURL(resolve(path)).href)) as { KERNEL_BUILDS: Builds }).KERNEL_BUILDS;
}

interface Case {
  readonly name: string;
  /** Bytes of f32 inputs (filled at random) and the call, given the byte offsets of its buffers. */
  readonly buffers: readonly number[];
  readonly run: (k: Exports, at: readonly number[]) => void;
  /** Index of the buffers the call writes (compared across builds). */
  readonly outputs: readonly number[];
}

const CASES: readonly Case[] = [
  // updateForward(k, n, u, d, w, alpha, x, b, z, a, act, actAlpha, colStart, colEnd): u k, d n, w k x n, x k, b n, z n, a n
  { name: 'updateForward 784x200', buffers: [784, 200, 784 * 200, 784, 200, 200, 200], outputs: [2, 5, 6],
    run: (k, [u, d, w, x, b, z, a]) => k.updateForward!(784, 200, u!, d!, w!, -0.01, x!, b!, z!, a!, 1, 0, 0, 200) },
  { name: 'updateForward 200x10', buffers: [200, 10, 200 * 10, 200, 10, 10, 10], outputs: [2, 5, 6],
    run: (k, [u, d, w, x, b, z, a]) => k.updateForward!(200, 10, u!, d!, w!, -0.01, x!, b!, z!, a!, 1, 0, 0, 10) },
  // gemm(transA, transB, m, n, k, a, b, c, alpha, beta, r0, r1, c0, c1, scratch)
  { name: 'rowWrite 1x784x200', buffers: [784, 784 * 200, 200, 1 << 20], outputs: [2],
    run: (k, [a, b, c, s]) => k.gemm!(0, 0, 1, 200, 784, a!, b!, c!, 1, 0, 0, 1, 0, 200, s!) },
  { name: 'rowAccumulate 2x784x200', buffers: [2 * 784, 784 * 200, 2 * 200, 1 << 20], outputs: [2],
    run: (k, [a, b, c, s]) => k.gemm!(0, 0, 2, 200, 784, a!, b!, c!, 0.5, 1, 0, 2, 0, 200, s!) },
  { name: 'rank1Update 784x1x200', buffers: [784, 200, 784 * 200, 1 << 20], outputs: [2],
    run: (k, [a, b, c, s]) => k.gemm!(1, 0, 784, 200, 1, a!, b!, c!, -0.01, 1, 0, 784, 0, 200, s!) },
  { name: 'rowDotsTransB 1x10x200', buffers: [10, 200 * 10, 200, 1 << 20], outputs: [2],
    run: (k, [a, b, c, s]) => k.gemm!(0, 1, 1, 200, 10, a!, b!, c!, 1, 0, 0, 1, 0, 200, s!) },
];

function instantiate(build: string): { k: Exports; memory: WebAssembly.Memory } {
  const memory = new WebAssembly.Memory({ initial: 2048, maximum: 4096 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(decode(build)), { env: { memory } });
  return { k: instance.exports as unknown as Exports, memory };
}

/** Places a case's buffers after the heap base, filled from a fixed sequence (the same on both builds). */
function place(k: Exports, memory: WebAssembly.Memory, sizes: readonly number[]): number[] {
  let at = Math.ceil(k.heapBase!() / 64) * 64;
  const f32 = new Float32Array(memory.buffer);
  let seed = 12345;
  return sizes.map((size) => {
    const offset = at;
    for (let i = 0; i < size; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      f32[(offset >> 2) + i] = (seed / 2 ** 32 - 0.5) * 0.2;
    }
    at += Math.ceil((size * 4) / 64) * 64;
    return offset;
  });
}

const [oldPath, newPath = 'src/backend/kernels.generated.ts'] = process.argv.slice(2);
if (oldPath === undefined) throw new Error('usage: bench/row-kernels.ts OLD.generated.ts [NEW.generated.ts]');
const builds = { old: await load(oldPath), new: await load(newPath) };
const rounds = Number(process.env.ROUNDS ?? 15);
for (const variant of ['relaxed', 'simd'] as const) {
  for (const c of CASES.filter((c) => c.name.includes(process.env.CASE ?? ''))) {
    const sides = (['old', 'new'] as const).map((side) => {
      const { k, memory } = instantiate(builds[side][variant]);
      return { side, k, memory, at: place(k, memory, c.buffers), times: [] as number[] };
    });
    // Same bits: one call on fresh buffers each.
    for (const s of sides) c.run(s.k, s.at);
    for (const o of c.outputs) {
      const [x, y] = sides.map((s) => new Uint32Array(s.memory.buffer, s.at[o]!, c.buffers[o]!));
      if (!x!.every((v, i) => v === y![i])) throw new Error(`${variant} ${c.name}: output ${o} differs between builds`);
    }
    let calls = 1;
    for (const t0 = performance.now(); performance.now() - t0 < 20; calls++) c.run(sides[0]!.k, sides[0]!.at);
    for (let r = 0; r < rounds; r++) {
      for (const s of r % 2 === 0 ? sides : [...sides].reverse()) {
        const t0 = performance.now();
        for (let i = 0; i < calls; i++) c.run(s.k, s.at);
        s.times.push(((performance.now() - t0) * 1000) / calls);
      }
    }
    const summary = sides.map((s) => {
      const t = [...s.times].sort((a, b) => a - b);
      return `${s.side} ${t[t.length >> 1]!.toFixed(2)} µs [${t[0]!.toFixed(2)}-${t[t.length - 1]!.toFixed(2)}]`;
    });
    console.log(`${variant.padEnd(7)} ${c.name.padEnd(24)} ${summary.join('  ')}  (same bits)`);
  }
}
