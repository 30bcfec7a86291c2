/** Fashion-MNIST for the bench: the four gzipped IDX files, decoded with src/data/idx.ts. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeIdx } from '../src/data/idx.js';

/**
 * Where the files are (the peers get the same FMNIST_DIR): $FMNIST_DIR, else $BACKPROP_DATA_DIR/fashion-mnist,
 * else Debian's /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist).
 */
export const FMNIST_DIR =
  process.env.FMNIST_DIR ?? (process.env.BACKPROP_DATA_DIR === undefined ? '/usr/share/datasets/fashion-mnist' : join(process.env.BACKPROP_DATA_DIR, 'fashion-mnist'));

export interface Images {
  readonly pixels: Uint8Array;
  readonly labels: Int32Array;
  readonly count: number;
}

function read(name: string): Uint8Array {
  return decodeIdx(gunzipSync(readFileSync(join(FMNIST_DIR, name))), name).data;
}

/** The training (60k) or test (10k) images with their labels. */
export function loadFashionMnist(part: 'train' | 't10k'): Images {
  const pixels = read(`${part}-images-idx3-ubyte.gz`);
  const labels = Int32Array.from(read(`${part}-labels-idx1-ubyte.gz`));
  return { pixels, labels, count: labels.length };
}

export function fashionMnistAvailable(): boolean {
  return existsSync(join(FMNIST_DIR, 'train-images-idx3-ubyte.gz'));
}
