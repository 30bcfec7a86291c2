/**
 * The 10,000 MNIST digits shipped in the package (data/mnist, gzipped IDX, digit 0's first), fetched
 * as static assets only when a digits job starts, and split 80/20 by a seed. Runs in the worker.
 */
import { decodeIdx, Random } from '../src/index.js';
import imagesUrl from '../data/mnist/digits-images-idx3-ubyte.gz?url';
import labelsUrl from '../data/mnist/digits-labels-idx1-ubyte.gz?url';

/** Pixels per digit image (28 x 28). */
export const PIXELS = 784;

/** Images as bytes (count x 784) and their labels. */
export interface Digits {
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/** Fetches one IDX file (about 1.6 MB gzipped for the images) and gunzips it unless the server already did. */
async function fetchIdx(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load ${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Fetches and decodes the images and labels files. */
export async function loadDigits(): Promise<Digits> {
  const [imageBytes, labelBytes] = await Promise.all([fetchIdx(imagesUrl), fetchIdx(labelsUrl)]);
  const images = decodeIdx(imageBytes, imagesUrl);
  const labels = decodeIdx(labelBytes, labelsUrl);
  const [count, rows, cols] = images.dims;
  if (count === undefined || rows !== 28 || cols !== 28 || labels.dims[0] !== count) {
    throw new Error(`${imagesUrl}: expected N x 28 x 28 images and N labels, found ${images.dims.join(' x ')} and ${labels.dims.join(' x ')}`);
  }
  return { pixels: images.data, labels: labels.data, count };
}

/** A seeded shuffle of the digits, cut into train (80 %) and test (20 %). */
export function splitDigits(digits: Digits, seed: number): { train: Digits; test: Digits } {
  const order = new Random(seed).permutation(digits.count);
  const trainCount = Math.round(digits.count * 0.8);
  const take = (from: number, to: number): Digits => {
    const count = to - from;
    const pixels = new Uint8Array(count * PIXELS);
    const labels = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const source = order[from + i]!;
      pixels.set(digits.pixels.subarray(source * PIXELS, (source + 1) * PIXELS), i * PIXELS);
      labels[i] = digits.labels[source]!;
    }
    return { pixels, labels, count };
  };
  return { train: take(0, trainCount), test: take(trainCount, digits.count) };
}
