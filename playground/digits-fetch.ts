/**
 * Fetches the shipped digits as static assets (Vite `?url` imports of data/mnist/*.gz), only
 * when a digits job starts. Vite-only: Node cannot import `.gz?url`, so only the worker imports
 * this module; jobs.ts takes the loader as a parameter.
 */
import imagesUrl from '../data/mnist/digits-images-idx3-ubyte.gz?url';
import labelsUrl from '../data/mnist/digits-labels-idx1-ubyte.gz?url';
import { decodeDigits, type Digits } from './digits-data.js';

/** Fetches one IDX file (about 1.6 MB gzipped for the images) and gunzips it unless the server already did. */
async function fetchIdx(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load ${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The digits, fetched once per worker. */
let loading: Promise<Digits> | undefined;

/** Fetches and decodes the images and labels files (once; later calls share the first). */
export function loadDigits(): Promise<Digits> {
  loading ??= Promise.all([fetchIdx(imagesUrl), fetchIdx(labelsUrl)]).then(([images, labels]) => decodeDigits(images, labels, imagesUrl)).catch((error: unknown) => {
    loading = undefined; // a failed fetch is retried by the next digits job
    throw error;
  });
  return loading;
}
