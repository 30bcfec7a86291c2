/**
 * Node-only: where the data files shipped with the package live. They sit in data/ at the package
 * root, beside src/ and dist/, so the same relative step finds them from src/ (tsx) and from dist/.
 * Layout: data/mnist/digits-{images-idx3,labels-idx1}-ubyte.gz (10,000 MNIST digits),
 * data/california-housing/cal_housing.csv.gz (the 1990 census file), data/fonts/DejaVuSans.ttf.
 */
import { fileURLToPath } from 'node:url';

/** Absolute path of data/ in this package. */
export const PACKAGE_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/** Absolute path of a file under data/, e.g. `packageDataPath('fonts', 'DejaVuSans.ttf')`. */
export function packageDataPath(...segments: string[]): string {
  return fileURLToPath(new URL(segments.join('/'), new URL('../data/', import.meta.url)));
}
