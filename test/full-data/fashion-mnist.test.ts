/** The full Fashion-MNIST (60,000 + 10,000) through the loaders and the downloader (npm run test:data). */
import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { sampleCount } from '../../src/data/index.js';
import { downloadDataset, fashionMnist, loadDataset, readIdxPair } from '../../src/data/node.js';
import { fashionMnistDir } from './locate.js';

const DIR = fashionMnistDir();
const requests: string[] = [];
let baseUrl = '';
const cacheDir = mkdtempSync(join(tmpdir(), 'backprop-cache-'));

/** Serves DIR's files, so the downloader runs against the published checksums with no network. */
const server = createServer((req, res) => {
  const name = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
  const file = join(DIR, name);
  requests.push(`/${name}`);
  if (name.includes('..') || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-length': String(statSync(file).size) });
  createReadStream(file).pipe(res);
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(() => {
  server.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

test('Fashion-MNIST test set: 10,000 images of 28x28, 1,000 per class', async () => {
  const { images: set, labels: y } = await readIdxPair(join(DIR, 't10k-images-idx3-ubyte.gz'), join(DIR, 't10k-labels-idx1-ubyte.gz'));
  assert.deepEqual([set.count, set.height, set.width], [10000, 28, 28]);
  const counts = new Array<number>(10).fill(0);
  for (const label of y) counts[label]!++;
  assert.deepEqual(counts, new Array<number>(10).fill(1000));
  assert.ok(set.pixels.some((p) => p === 255) && set.pixels.some((p) => p === 0));
});

test('fashionMnist and loadDataset from the directory: 60,000 + 10,000, class names', async () => {
  const { train, test: held } = await fashionMnist({ dir: DIR });
  assert.deepEqual([sampleCount(train), sampleCount(held)], [60000, 10000]);
  assert.equal(train.classNames[9], 'Ankle boot');
  const loaded = await loadDataset(DIR);
  assert.equal(sampleCount(loaded.test!), 10000);
});

test('downloadDataset + loadDataset: Fashion-MNIST into a cache directory, checked by content SHA-256', async () => {
  const dir = await downloadDataset('fashion-mnist', { cacheDir, baseUrl });
  assert.equal(dir, join(cacheDir, 'fashion-mnist'));
  const loaded = await loadDataset('fashion-mnist', { cacheDir, path: dir });
  assert.equal(sampleCount(loaded.test!), 10000);
  writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), 'corrupt');
  requests.length = 0;
  await downloadDataset('fashion-mnist', { cacheDir, baseUrl });
  assert.deepEqual(requests, ['/t10k-labels-idx1-ubyte.gz'], 'only the corrupted file is fetched again');
});
