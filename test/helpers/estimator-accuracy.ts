/** The accuracy checks of the estimators against scikit-learn, shared by the tests and by hand runs. */
import { Classifier, Regressor, inputMatrix, type Dataset, type EstimatorOptions } from '../../src/index.js';

/** Every row as an array of numbers. */
function rows(dataset: Dataset): number[][] {
  const x = inputMatrix(dataset, { scale: 1, shift: 0 });
  return Array.from({ length: x.rows }, (_, r) => Array.from(x.data.subarray(r * x.cols, (r + 1) * x.cols)));
}

/** Index i goes to the test part when i % every === 0 (an order-based split Python reproduces exactly). */
export function splitEvery<T>(items: readonly T[], every: number): { train: T[]; test: T[] } {
  return { train: items.filter((_, i) => i % every !== 0), test: items.filter((_, i) => i % every === 0) };
}

/** Test R² of Regressor({ hiddenLayers: [100], seed }) on California housing, rows i % 5 == 0 as the test part. */
export async function housingR2(housing: Dataset, seed = 0, options: EstimatorOptions = {}): Promise<number> {
  const x = splitEvery(rows(housing), 5);
  const y = splitEvery(Array.from(housing.targets!.data), 5);
  const reg = new Regressor({ hiddenLayers: [100], seed, ...options });
  await reg.fit(x.train, y.train);
  return reg.score(x.test, y.test);
}

/** Test accuracy of Classifier({ hiddenLayers: [100], seed }) on wine rows (13 features, then the class), rows i % 4 == 0 as the test part. */
export async function wineAccuracy(table: readonly (readonly number[])[], seed = 0): Promise<number> {
  const x = splitEvery(table.map((r) => r.slice(0, 13)), 4);
  const y = splitEvery(table.map((r) => r[13]!), 4);
  const clf = new Classifier<number>({ hiddenLayers: [100], seed });
  await clf.fit(x.train, y.train);
  return clf.score(x.test, y.test);
}
