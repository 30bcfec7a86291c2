/**
 * The backend conformance suite: every Backend operation against the reference backend, on
 * seeded random data, odd shapes (not multiples of 4 or 8), every activation and loss, all three
 * matmul orientations, inputs inside and outside the backend's memory, row-prefix views.
 * test/backends.test.ts runs it for every backend; test/wasm-relaxed.test.ts runs it again in a
 * child process where the relaxed-SIMD build is available.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Backend } from '../../src/backend/backend.js';
import { composedUpdateForward } from '../../src/backend/compose.js';
import { createReferenceBackend } from '../../src/backend/reference.js';
import { ACTIVATION_NAMES, type ActivationName } from '../../src/math/activations.js';
import { LOSS_NAMES } from '../../src/math/losses.js';
import { Matrix, type DType } from '../../src/matrix.js';
import { Random } from '../../src/random.js';
import { assertAllClose, type Tolerance } from './tolerance.js';

const reference = createReferenceBackend();

/** Products of k terms: f32 rounding grows with k (values are N(0, 1)). */
function defaultProductTolerance(k: number, dtype: DType): Tolerance {
  return dtype === 'float64' ? { atol: 1e-12 * (k + 1), rtol: 1e-12 } : { atol: 4e-6 * (k + 1), rtol: 1e-5 };
}
function defaultElementTolerance(dtype: DType): Tolerance {
  return dtype === 'float64' ? { atol: 1e-12, rtol: 1e-12 } : { atol: 1e-6, rtol: 1e-5 };
}

/** (m, k, n): tiny, odd, multiples of the tile, k beyond one 256-deep block, n beyond one 512-wide block, large enough to use threads, and depths of at most 4 (outer products). */
export const PRODUCT_SHAPES: readonly (readonly [number, number, number])[] = [
  [1, 1, 1], [1, 7, 5], [2, 33, 41], [3, 5, 2], [4, 8, 8], [5, 13, 11], [9, 17, 33], [1, 300, 37],
  [33, 70, 19], [64, 300, 10], [6, 600, 13], [8, 40, 530], [96, 330, 100], [4, 0, 3], [37, 1, 45], [50, 4, 19],
];

export interface ConformanceOptions {
  /** Also run every operation with inputs from outside the backend's memory (plain Matrix.zeros). */
  readonly foreignInputs?: boolean;
  /**
   * Tolerances against the reference, when this backend's differ from the defaults below (a GPU
   * sums in another order and has its own exp, log and tanh). `product(k)` bounds a result of k
   * products summed; `element` everything element-wise.
   */
  readonly tolerances?: { readonly product?: (k: number) => Tolerance; readonly element?: Tolerance };
}

/** Registers the conformance tests of `backend` (created once, shared by all tests). */
export function describeConformance(label: string, backend: Backend, options: ConformanceOptions = {}): void {
  for (const dtype of backend.dtypes) {
    for (const inside of options.foreignInputs === true ? [true, false] : [true]) {
      describe(`${label} conforms to reference (${dtype}${inside ? '' : ', foreign inputs'})`, () => {
        defineCases(backend, dtype, inside, options.tolerances ?? {});
      });
    }
  }
}

function defineCases(backend: Backend, dtype: DType, inside: boolean, tolerances: NonNullable<ConformanceOptions['tolerances']>): void {
  const productTolerance = (k: number, type: DType) => (type === 'float32' ? tolerances.product : undefined)?.(k) ?? defaultProductTolerance(k, type);
  const elementTolerance = (type: DType) => (type === 'float32' ? tolerances.element : undefined) ?? defaultElementTolerance(type);
  /** Brings results back to the host on backends that keep them on a device (see Backend.read); nothing elsewhere. */
  const settle = async (...matrices: Matrix[]) => {
    for (const m of matrices) await backend.read?.(m);
  };
  const rng = new Random(20240607);
  const make = (rows: number, cols: number, fill: (i: number) => number = () => rng.normal()): Matrix => {
    const m = inside ? backend.allocate(rows, cols, dtype) : Matrix.zeros(rows, cols, dtype);
    for (let i = 0; i < m.size; i++) m.data[i] = fill(i);
    return m;
  };
  const copy = (m: Matrix): Matrix => m.clone();
  const copyInto = (m: Matrix): Matrix => make(m.rows, m.cols, (i) => m.data[i]!);
  const out = (rows: number, cols: number): Matrix => make(rows, cols, () => Number.NaN);

  it('allocate returns zero-filled matrices of the requested shape and precision', () => {
    const m = backend.allocate(3, 5, dtype);
    assert.equal(m.rows, 3);
    assert.equal(m.cols, 5);
    assert.equal(m.dtype, dtype);
    assert.ok(m.data.every((v) => v === 0));
  });

  for (const [m, k, n] of PRODUCT_SHAPES) {
    it(`matmul, matmulTransA, matmulTransB at ${m}x${k}x${n}`, async () => {
      const tol = productTolerance(k, dtype);
      const A = make(m, k);
      const B = make(k, n);
      const At = make(k, m);
      const Bt = make(n, k);
      for (const alpha of [1, 0.37]) {
        const C = out(m, n);
        const expected = Matrix.zeros(m, n, dtype);
        backend.matmul(A, B, C, alpha);
        await settle(C);
        reference.matmul(copy(A), copy(B), expected, alpha);
        assertAllClose(C.data, expected.data, tol, `matmul alpha=${alpha}`);
        backend.matmulTransA(At, B, C, alpha);
        await settle(C);
        reference.matmulTransA(copy(At), copy(B), expected, alpha);
        assertAllClose(C.data, expected.data, tol, `matmulTransA alpha=${alpha}`);
        backend.matmulTransB(A, Bt, C, alpha);
        await settle(C);
        reference.matmulTransB(copy(A), copy(Bt), expected, alpha);
        assertAllClose(C.data, expected.data, tol, `matmulTransB alpha=${alpha}`);
      }
    });

    it(`matmulTransA accumulating into C (beta = 1, 0.5; the fused SGD step) at ${m}x${k}x${n}`, async () => {
      const tol = productTolerance(k + 1, dtype);
      const At = make(k, m);
      const B = make(k, n);
      for (const [alpha, beta] of [[-0.05, 1], [1, 1], [0.37, 0.5], [2, 0]] as const) {
        const C = make(m, n);
        const expected = copy(C);
        backend.matmulTransA(At, B, C, alpha, beta);
        await settle(C);
        reference.matmulTransA(copy(At), copy(B), expected, alpha, beta);
        assertAllClose(C.data, expected.data, tol, `matmulTransA alpha=${alpha} beta=${beta}`);
      }
    });
  }

  for (const activation of ACTIVATION_NAMES) {
    it(`denseForward with ${activation}, with and without bias, at odd and threaded sizes`, async () => {
      for (const [m, k, n] of [[5, 13, 11], [1, 30, 7], [96, 330, 100]] as const) {
        const X = make(m, k);
        const W = make(k, n, () => rng.normal(0, 1 / Math.sqrt(k)));
        const b = make(1, n);
        for (const bias of [b, null]) {
          const Z = out(m, n);
          const A = out(m, n);
          const Ze = Matrix.zeros(m, n, dtype);
          const Ae = Matrix.zeros(m, n, dtype);
          backend.denseForward(X, W, bias, activation, 0.03, Z, A);
          await settle(Z, A);
          reference.denseForward(copy(X), copy(W), bias === null ? null : copy(bias), activation, 0.03, Ze, Ae);
          assertAllClose(Z.data, Ze.data, productTolerance(k, dtype), `Z ${m}x${k}x${n}`);
          assertAllClose(A.data, Ae.data, productTolerance(k, dtype), `A ${m}x${k}x${n}`);
        }
      }
    });

    it(`activationBackward through ${activation}`, async () => {
      const Z = make(7, 13, () => rng.normal(0, 3));
      const A = make(7, 13);
      applyActivation(activation, Z, A);
      const dA = make(7, 13);
      const dZ = out(7, 13);
      const expected = Matrix.zeros(7, 13, dtype);
      backend.activationBackward(activation, 0.05, Z, A, dA, dZ);
      await settle(dZ);
      reference.activationBackward(activation, 0.05, copy(Z), copy(A), copy(dA), expected);
      assertAllClose(dZ.data, expected.data, elementTolerance(dtype), 'dZ');
    });
  }

  const fused = backend.denseUpdateForward === undefined ? 'without denseUpdateForward, its composition' : 'denseUpdateForward';
  it(`${fused} (fillInput writing X mid-call) equals the composition with X filled first: bit for bit on this backend, close to reference`, async () => {
    // (r, m, k, n): per-sample (the one-pass kernel, odd widths for its tails; fewer than 4 inputs,
    // where the apart update is a product of fewer than 4 rows), batches the packed paths fuse, a
    // next batch of other size, and shapes that fall back to the two calls.
    const shapes = [[1, 1, 9, 7], [1, 1, 300, 37], [1, 1, 40, 200], [1, 1, 3, 21], [1, 1, 2, 5], [16, 16, 70, 45], [64, 32, 300, 130], [3, 5, 20, 11], [6, 2, 33, 17], [1, 4, 8, 8]] as const;
    for (const [r, m, k, n] of shapes) {
      for (const [activation, bias] of [['sigmoid', true], ['relu', false], ['softmax', true]] as const) {
        const U = make(r, k);
        const D = make(r, n, () => rng.normal(0, 0.1));
        const X = make(m, k);
        const W0 = make(k, n, () => rng.normal(0, 1 / Math.sqrt(k)));
        const b = bias ? make(1, n) : null;
        const one = { W: copyInto(W0), X: out(m, k), Z: out(m, n), A: out(m, n) };
        const two = { W: copyInto(W0), Z: out(m, n), A: out(m, n) };
        // The fill is the only writer of one.X (NaN until then): a read before it shows in Z.
        const rows = dtype === 'float64' ? Float64Array.from(X.data) : Float32Array.from(X.data);
        let fills = 0;
        const fillInput = () => {
          fills++;
          backend.gatherRows(rows, Uint32Array.from({ length: m }, (_, i) => i), 0, one.X);
        };
        if (backend.denseUpdateForward !== undefined) backend.denseUpdateForward(U, D, one.W, -0.3, one.X, b, activation, 0, one.Z, one.A, fillInput);
        else composedUpdateForward(backend, U, D, one.W, -0.3, one.X, b, activation, 0, one.Z, one.A, fillInput);
        composedUpdateForward(backend, U, D, two.W, -0.3, X, b, activation, 0, two.Z, two.A);
        await settle(one.W, one.Z, one.A, two.W, two.Z, two.A);
        const label = `${r}/${m}x${k}x${n} ${activation}`;
        assert.equal(fills, 1, `fillInput called once, ${label}`);
        assert.deepEqual(one.W.data, two.W.data, `W ${label}`);
        assert.deepEqual(one.Z.data, two.Z.data, `Z ${label}`);
        assert.deepEqual(one.A.data, two.A.data, `A ${label}`);
        const expected = { W: W0.clone(), Z: Matrix.zeros(m, n, dtype), A: Matrix.zeros(m, n, dtype) };
        reference.denseUpdateForward(copy(U), copy(D), expected.W, -0.3, copy(X), b === null ? null : copy(b), activation, 0, expected.Z, expected.A);
        assertAllClose(one.W.data, expected.W.data, productTolerance(r, dtype), `W vs reference ${label}`);
        assertAllClose(one.A.data, expected.A.data, productTolerance(k, dtype), `A vs reference ${label}`);
      }
    }
  });

  it('softmaxRows, including large logits', async () => {
    const Z = make(6, 11, (i) => (i % 11 === 3 ? 80 : rng.normal(0, 4)));
    const A = out(6, 11);
    const expected = Matrix.zeros(6, 11, dtype);
    backend.softmaxRows(Z, A);
    await settle(A);
    reference.softmaxRows(copy(Z), expected);
    assertAllClose(A.data, expected.data, elementTolerance(dtype), 'softmax');
  });

  for (const loss of LOSS_NAMES) {
    it(`lossValue, lossGradient and accumulateBatchTotals for ${loss}`, async () => {
      const rows = 9;
      const cols = 7;
      const yHat = make(rows, cols, () => 0.02 + 0.96 * rng.next());
      const y = make(rows, cols, (i) => (loss === 'crossEntropy' ? (i % cols === i % 5 ? 1 : 0) : rng.next()));
      const tol = elementTolerance(dtype);
      const value = backend.lossValue(loss, yHat, y);
      const expectedValue = reference.lossValue(loss, copy(yHat), copy(y));
      assertAllClose([value], [expectedValue], tol, `${loss} value`);
      const dA = out(rows, cols);
      const expected = Matrix.zeros(rows, cols, dtype);
      backend.lossGradient(loss, yHat, y, dA);
      await settle(dA);
      reference.lossGradient(loss, copy(yHat), copy(y), expected);
      assertAllClose(dA.data, expected.data, tol, `${loss} gradient`);
      // Two batches added to running totals, the second a row-prefix view (6 of the 9 rows).
      const totals = make(1, 3, (i) => [1.5, 2, 0.25][i]!);
      const expectedTotals = copy(totals);
      const prefix = (m: Matrix) => new Matrix(6, cols, m.data.subarray(0, 6 * cols));
      backend.accumulateBatchTotals(loss, yHat, y, totals);
      backend.accumulateBatchTotals(loss, prefix(yHat), prefix(y), totals);
      await settle(totals);
      reference.accumulateBatchTotals(loss, copy(yHat), copy(y), expectedTotals);
      reference.accumulateBatchTotals(loss, prefix(copy(yHat)), prefix(copy(y)), expectedTotals);
      assertAllClose(totals.data, expectedTotals.data, productTolerance(2 * rows * cols, dtype), `${loss} batch totals`);
    });
  }

  it('fusedOutputGradient and sumColumns', async () => {
    const yHat = make(10, 13);
    const y = make(10, 13);
    const dZ = out(10, 13);
    const expected = Matrix.zeros(10, 13, dtype);
    backend.fusedOutputGradient(yHat, y, dZ);
    await settle(dZ);
    reference.fusedOutputGradient(copy(yHat), copy(y), expected);
    assertAllClose(dZ.data, expected.data, elementTolerance(dtype), 'dZ');
    const sums = out(1, 13);
    const expectedSums = Matrix.zeros(1, 13, dtype);
    backend.sumColumns(yHat, sums, 0.1);
    await settle(sums);
    reference.sumColumns(copy(yHat), expectedSums, 0.1);
    assertAllClose(sums.data, expectedSums.data, productTolerance(10, dtype), 'sumColumns');
  });

  it('sgdUpdate, momentumUpdate (classical and Nesterov) and adamUpdate, with weight decay', async () => {
    const tol = elementTolerance(dtype);
    for (const weightDecay of [0, 0.01]) {
      const p = make(5, 7);
      const g = make(5, 7);
      const pe = copy(p);
      backend.sgdUpdate(p, g, 0.1, weightDecay);
      await settle(p);
      reference.sgdUpdate(pe, copy(g), 0.1, weightDecay);
      assertAllClose(p.data, pe.data, tol, 'sgd');
      for (const nesterov of [false, true]) {
        const v = make(5, 7);
        const ve = copy(v);
        backend.momentumUpdate(p, g, v, 0.05, 0.9, nesterov, weightDecay);
        await settle(p, v);
        reference.momentumUpdate(pe, copy(g), ve, 0.05, 0.9, nesterov, weightDecay);
        assertAllClose(v.data, ve.data, tol, 'momentum v');
        assertAllClose(p.data, pe.data, tol, 'momentum p');
      }
      const m = make(5, 7, () => 0);
      const v = make(5, 7, () => 0);
      const me = copy(m);
      const ve = copy(v);
      for (let step = 1; step <= 3; step++) {
        const settings = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, step, weightDecay };
        backend.adamUpdate(p, g, m, v, settings);
        reference.adamUpdate(pe, copy(g), me, ve, settings);
      }
      await settle(p, m, v);
      assertAllClose(m.data, me.data, tol, 'adam m');
      assertAllClose(v.data, ve.data, tol, 'adam v');
      assertAllClose(p.data, pe.data, tol, 'adam p');
    }
  });

  it('gatherRows from float32 and float64 sources, gatherRowsU8 with scale and shift, rows scattered or in order', async () => {
    const cols = 19;
    const scattered = [4, 0, 7, 7, 2, 9, 1];
    // Rows in order (evaluation): the wasm backend copies them as one block, with the same values.
    const inOrder = [9, 3, 4, 5, 6, 7];
    /** Gathers `rows` rows from position `start` of `indices` on both backends and compares them. */
    const compare = async (what: string, rows: number, gather: (b: Backend, into: Matrix) => void, tolerance: Tolerance) => {
      const got = out(rows, cols);
      const expected = Matrix.zeros(rows, cols, dtype);
      gather(backend, got);
      await settle(got);
      gather(reference, expected);
      assertAllClose(got.data, expected.data, tolerance, what);
    };
    for (const source of [Float32Array.from({ length: 10 * cols }, () => rng.normal()), Float64Array.from({ length: 10 * cols }, () => rng.normal())]) {
      await compare('gatherRows', 5, (b, into) => b.gatherRows(source, scattered, 2, into), { atol: 0, rtol: 0 });
      await compare('gatherRows of consecutive rows', 4, (b, into) => b.gatherRows(source, inOrder, 2, into), { atol: 0, rtol: 0 });
    }
    const bytes = Uint8Array.from({ length: 10 * cols }, () => rng.int(256));
    await compare('gatherRowsU8', 6, (b, into) => b.gatherRowsU8(bytes, scattered, 1, 0.99 / 255, 0.01, into), elementTolerance(dtype));
    await compare('gatherRowsU8 of consecutive rows', 4, (b, into) => b.gatherRowsU8(bytes, inOrder, 2, 1 / 255, 0, into), elementTolerance(dtype));
    // A run that would pass the source's end is refused as any out-of-range row is.
    assert.throws(() => backend.gatherRowsU8(bytes, [7, 8, 9, 10], 0, 1, 0, out(4, cols)));
    assert.throws(() => backend.gatherRows(Float32Array.from({ length: 10 * cols }), [7, 8, 9, 10], 0, out(4, cols)));
  });

  it('works on row-prefix views of allocated matrices and leaves the rows past the view untouched', async () => {
    const X = make(8, 21);
    const W = make(21, 9);
    const Z = make(8, 9, () => 7);
    const A = make(8, 9, () => 7);
    const view = (m: Matrix, rows: number): Matrix => new Matrix(rows, m.cols, m.data.subarray(0, rows * m.cols));
    const Ze = Matrix.zeros(5, 9, dtype);
    const Ae = Matrix.zeros(5, 9, dtype);
    backend.denseForward(view(X, 5), W, null, 'tanh', 0, view(Z, 5), view(A, 5));
    await settle(view(A, 5));
    reference.denseForward(view(copy(X), 5), copy(W), null, 'tanh', 0, Ze, Ae);
    assertAllClose(view(A, 5).data, Ae.data, productTolerance(21, dtype), 'A view');
    assert.ok(A.data.subarray(5 * 9).every((v) => v === 7), 'rows past the view are untouched');
  });
}

/** A = f(Z) through the reference backend (for activationBackward's inputs). */
function applyActivation(activation: ActivationName, Z: Matrix, A: Matrix): void {
  const result = Matrix.zeros(Z.rows, Z.cols, Z.dtype);
  reference.denseForward(Z.clone(), identity(Z.cols, Z.dtype), null, activation, 0.05, Matrix.zeros(Z.rows, Z.cols, Z.dtype), result);
  A.data.set(result.data);
}

function identity(n: number, dtype: DType): Matrix {
  const m = Matrix.zeros(n, n, dtype);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}
