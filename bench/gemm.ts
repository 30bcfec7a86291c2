/** GEMM timings of the wasm backend: every shape, all three orientations, 1 and 2 threads, both builds. */
import { createWasmBackend, relaxedSimdSupported } from '../src/backend/wasm.js';
import type { Matrix } from '../src/matrix.js';
import { Random } from '../src/random.js';

/** The MLP shapes of issue 6 plus the peers' shapes, as (M, K, N). */
export const GEMM_SHAPES: readonly (readonly [number, number, number])[] = [
  [64, 784, 128], [128, 784, 512], [784, 64, 128], [1000, 512, 256], [1024, 1024, 1024],
];
export const ORIENTATIONS = ['A·B', 'Aᵀ·B', 'A·Bᵀ'] as const;

export interface GemmRow {
  readonly shape: string;
  readonly build: 'relaxed' | 'simd';
  readonly threads: number;
  /** Median GFLOP/s per orientation. */
  readonly gflops: Record<(typeof ORIENTATIONS)[number], number>;
}

/** Median GFLOP/s of `run` over `trials` trials of about `trialMs` each, after warm-up. */
export function rate(flops: number, run: () => void, trialMs: number, trials = 3): number {
  for (let i = 0; i < 5; i++) run();
  let calls = 1;
  for (let t0 = performance.now(); performance.now() - t0 < trialMs / 4; calls++) run();
  const results: number[] = [];
  for (let t = 0; t < trials; t++) {
    const t0 = performance.now();
    for (let i = 0; i < calls * 4; i++) run();
    results.push((flops * calls * 4) / ((performance.now() - t0) / 1000) / 1e9);
  }
  return results.sort((a, b) => a - b)[Math.floor(trials / 2)]!;
}

export async function benchGemm(trialMs: number): Promise<GemmRow[]> {
  const rows: GemmRow[] = [];
  const builds = relaxedSimdSupported() ? (['relaxed', 'simd'] as const) : (['simd'] as const);
  for (const build of builds) {
    for (const threads of [1, 2]) {
      const backend = createWasmBackend({ threads, relaxedSimd: build === 'relaxed' });
      await backend.threadsReady();
      const rng = new Random(1);
      const fill = (m: Matrix): Matrix => {
        for (let i = 0; i < m.size; i++) m.data[i] = rng.normal();
        return m;
      };
      for (const [m, k, n] of GEMM_SHAPES) {
        const alloc = (r: number, c: number): Matrix => fill(backend.allocate(r, c, 'float32'));
        const [A, B, At, Bt, C] = [alloc(m, k), alloc(k, n), alloc(k, m), alloc(n, k), alloc(m, n)];
        const flops = 2 * m * n * k;
        rows.push({
          shape: `${m}x${k}x${n}`, build, threads,
          gflops: {
            'A·B': rate(flops, () => backend.matmul(A, B, C), trialMs),
            'Aᵀ·B': rate(flops, () => backend.matmulTransA(At, B, C), trialMs),
            'A·Bᵀ': rate(flops, () => backend.matmulTransB(A, Bt, C), trialMs),
          },
        });
      }
      backend.close();
    }
  }
  return rows;
}
