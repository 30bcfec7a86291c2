/**
 * Where `npm run test:data` finds the full Fashion-MNIST (60,000 + 10,000 images): $BACKPROP_DATA_DIR
 * (a folder holding fashion-mnist/, or the four IDX files themselves), else Debian's
 * /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist).
 * Run directly (`node --import tsx test/full-data/locate.ts`) it prints the folder, or one line saying
 * what is missing and exits 1: `npm run test:data` does that first.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findImageFiles } from '../../src/data/node.js';

/** Debian's location for the data set. */
export const DEBIAN_FASHION_DIR = '/usr/share/datasets/fashion-mnist';

/** The folders tried, in order. */
export function fashionCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const root = env.BACKPROP_DATA_DIR;
  return [...(root === undefined || root === '' ? [] : [join(root, 'fashion-mnist'), root]), DEBIAN_FASHION_DIR];
}

/** The first candidate that holds the four IDX files; throws one line naming every place looked at. */
export function fashionMnistDir(env: NodeJS.ProcessEnv = process.env): string {
  const found = fashionCandidates(env).find((dir) => existsSync(dir) && findImageFiles(dir)?.kind === 'idx');
  if (found === undefined) {
    throw new Error(`full Fashion-MNIST not found in ${fashionCandidates(env).join(', ')}: apt-get install dataset-fashion-mnist, or set BACKPROP_DATA_DIR to a folder holding fashion-mnist/`);
  }
  return found;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(`test:data: Fashion-MNIST from ${fashionMnistDir()}`);
  } catch (error) {
    console.error(`test:data: ${(error as Error).message}`);
    process.exit(1);
  }
}
