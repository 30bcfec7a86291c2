/**
 * The 10,000 MNIST digits shipped in the package (data/mnist, gzipped IDX, digit 0's first):
 * their shape, decoding, and the seeded 80/20 split. Fetching them as Vite assets is in
 * digits-fetch.ts, so that this module (and jobs.ts) also load in Node.
 */
import { decodeIdx, Random } from '../src/index.js';

/** Pixels per digit image (28 x 28). */
export const PIXELS = 784;

/** Images as bytes (count x 784) and their labels. */
export interface Digits {
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/** Something that loads the digits (the worker's is digits-fetch.ts; tests may pass their own). */
export type DigitsLoader = () => Promise<Digits>;

/** Decodes the images and labels IDX files (`name` names them in messages). */
export function decodeDigits(imageBytes: Uint8Array, labelBytes: Uint8Array, name: string): Digits {
  const images = decodeIdx(imageBytes, name);
  const labels = decodeIdx(labelBytes, name);
  const [count, rows, cols] = images.dims;
  if (count === undefined || rows !== 28 || cols !== 28 || labels.dims[0] !== count) {
    throw new Error(`${name}: expected N x 28 x 28 images and N labels, found ${images.dims.join(' x ')} and ${labels.dims.join(' x ')}`);
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
