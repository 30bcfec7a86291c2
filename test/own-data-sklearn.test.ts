/**
 * scikit-learn's bundled tables exported with integer labels (test/fixtures/*.csv, written by
 * test/fixtures/export-sklearn.py) train as classification from the CSV alone and come within
 * 2 points of scikit-learn's StandardScaler + MLPClassifier((100,)) mean test accuracy over 5
 * seeded stratified 80/20 splits. Ours: `backprop train FILE --layers 100 --seed S` defaults.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trainCommand } from '../src/cli/commands/train.js';

/** sklearn 1.2.1 (Debian python3-sklearn), seeds 0-4, measured 2026-12-01 by export-sklearn.py. */
const SKLEARN_MEAN_ACCURACY = { 'breast-cancer': 0.9719, wine: 0.9889, digits: 0.9778 } as const;
const CLASSES = { 'breast-cancer': '2 integer values: 0, 1', wine: '3 integer values: 0, 1, 2', digits: '10 integer values: 0, 1, 2, 3, 4, ...' } as const;
const POINTS = 0.02;

for (const name of ['breast-cancer', 'wine', 'digits'] as const) {
  test(`${name}: classification from integer labels, within 2 points of sklearn's MLPClassifier((100,))`, async () => {
    const accuracies: number[] = [];
    for (let seed = 0; seed < 5; seed++) {
      const notices: string[] = [];
      const run = await trainCommand({ dataset: `test/fixtures/${name}.csv`, layers: [100], seed, out: false, batchEvents: false, onNotice: (line) => notices.push(line) });
      assert.equal(run.result.task, 'classification');
      assert.equal(notices.find((line) => line.startsWith('task: ')), `task: classification (target "label" holds ${CLASSES[name]}; --task regression treats it as a number)`);
      accuracies.push(run.result.test!['accuracy']!);
    }
    const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    console.log(`${name}: ours ${mean.toFixed(4)} (${accuracies.map((a) => a.toFixed(4)).join(' ')}), sklearn ${SKLEARN_MEAN_ACCURACY[name]}`);
    assert.ok(mean >= SKLEARN_MEAN_ACCURACY[name] - POINTS, `mean accuracy ${mean.toFixed(4)} is more than 2 points below sklearn's ${SKLEARN_MEAN_ACCURACY[name]}`);
  });
}
