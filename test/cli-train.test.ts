/** The real CLI: train → evaluate → predict round trips on iris and on a regression CSV, and the --json schema. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { cli, tempDir, writeHousesCsv } from './cli-run.js';

/** Parses stdout that must hold exactly one JSON object (one line). */
function onlyJson(stdout: string): Record<string, unknown> {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, `stdout holds one line, got:\n${stdout}`);
  const value = JSON.parse(lines[0]!) as unknown;
  assert.equal(typeof value, 'object');
  return value as Record<string, unknown>;
}

describe('iris: train, evaluate, predict', () => {
  const dir = tempDir();
  const modelPath = join(dir, 'iris.json');
  let result: Record<string, unknown>;
  let stderr = '';

  before(async () => {
    const run = await cli(['train', 'iris', '--layers', '16', '--epochs', '40', '--seed', '1', '--save', modelPath, '--no-out', '--json']);
    assert.equal(run.code, 0, run.stderr);
    result = onlyJson(run.stdout);
    stderr = run.stderr;
  });

  it('prints the --json schema: dataset, task, layers, epochs, seconds, train/test metrics, history', () => {
    assert.equal(result['dataset'], 'iris');
    assert.equal(result['task'], 'classification');
    assert.deepEqual(result['layers'], [4, 16, 3]);
    assert.equal(result['epochs'], 40);
    assert.equal(typeof result['seconds'], 'number');
    assert.ok((result['seconds'] as number) > 0);
    for (const part of ['train', 'test'] as const) {
      const metrics = result[part] as Record<string, number>;
      assert.deepEqual(Object.keys(metrics).sort(), ['accuracy', 'loss']);
      assert.ok(metrics['accuracy']! >= 0.9, `${part} accuracy ${metrics['accuracy']}`);
    }
    const history = result['history'] as Record<string, number>[];
    assert.equal(history.length, 40);
    assert.deepEqual(history.map((h) => h['epoch']), Array.from({ length: 40 }, (_, i) => i + 1));
    assert.ok(history.every((h) => typeof h['loss'] === 'number' && typeof h['accuracy'] === 'number'));
    assert.ok(history.at(-1)!['loss']! < history[0]!['loss']!, 'the loss falls');
    assert.deepEqual(result['samples'], { train: 120, test: 30 });
    assert.equal(result['model'], modelPath);
  });

  it('sends the epoch log to stderr when stdout carries JSON', () => {
    assert.match(stderr, /^epoch {1,2}1\/40 {2}loss \d/m);
    assert.match(stderr, /^epoch 40\/40 /m);
  });

  it('evaluate recreates the seeded test split and reports the same test accuracy', async () => {
    const run = await cli(['evaluate', modelPath, 'iris', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const evaluation = onlyJson(run.stdout);
    const metrics = evaluation['metrics'] as { accuracy: number; samples: number; confusionMatrix: number[][]; precision: number[] };
    assert.equal(evaluation['part'], 'test');
    assert.equal(metrics.samples, 30);
    assert.equal(metrics.accuracy, (result['test'] as { accuracy: number }).accuracy);
    assert.equal(metrics.confusionMatrix.flat().reduce((a, b) => a + b, 0), 30);
    assert.deepEqual(evaluation['classNames'], ['setosa', 'versicolor', 'virginica']);
  });

  it('evaluate prints precision/recall per class and the confusion matrix', async () => {
    const run = await cli(['evaluate', modelPath, 'iris']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^accuracy +\d\.\d{4}$/m);
    assert.match(run.stdout, /^versicolor +\d\.\d{4} +\d\.\d{4} +10$/m);
    assert.match(run.stdout, /confusion matrix \(rows: true class, columns: predicted\)/);
  });

  it('predict takes raw rows (with the species column left in) and names classes with probabilities', async () => {
    const csv = 'sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n7.0,3.2,4.7,1.4,versicolor\n7.7,3.0,6.1,2.3,virginica\n';
    const run = await cli(['predict', modelPath, '-'], csv);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines[0], 'class,p_setosa,p_versicolor,p_virginica');
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), ['setosa', 'versicolor', 'virginica']);
    for (const line of lines.slice(1)) {
      const sum = line.split(',').slice(1).map(Number).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 1) < 1e-4, `probabilities sum to 1: ${line}`);
    }
  });
});

describe('a regression CSV: train, evaluate, predict in original units', () => {
  const dir = tempDir();
  const csv = writeHousesCsv(dir);
  const modelPath = join(dir, 'houses.json');
  const out = join(dir, 'run');
  let result: Record<string, unknown>;

  before(async () => {
    const run = await cli(['train', csv, '--layers', '16', '--epochs', '60', '--target', 'price', '--save', modelPath, '--out', out, '--json']);
    assert.equal(run.code, 0, run.stderr);
    result = onlyJson(run.stdout);
  });

  it('reports MSE, MAE and R² for both parts', () => {
    assert.equal(result['task'], 'regression');
    assert.deepEqual(result['layers'], [3, 16, 1]);
    for (const part of ['train', 'test'] as const) {
      const metrics = result[part] as Record<string, number>;
      assert.deepEqual(Object.keys(metrics).sort(), ['loss', 'mae', 'mse', 'r2']);
      assert.ok(metrics['r2']! > 0.95, `${part} R² ${metrics['r2']}`);
      // Original units: prices spread over ~150, so an MAE in standardised units (< 0.3) would be far below 0.5.
      assert.ok(metrics['mae']! > 0.5 && metrics['mae']! < 10, `${part} MAE ${metrics['mae']} in price units`);
    }
    assert.ok(existsSync(join(out, 'model.json')));
  });

  it('evaluate reproduces the test metrics from the model file', async () => {
    const run = await cli(['evaluate', modelPath, csv, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const metrics = onlyJson(run.stdout)['metrics'] as Record<string, number>;
    const test = result['test'] as Record<string, number>;
    assert.ok(Math.abs(metrics['mse']! - test['mse']!) < 1e-9 * Math.max(1, test['mse']!));
    assert.equal(metrics['samples'], 60);
  });

  it('predict maps predictions back to prices for raw rows', async () => {
    const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(0, 21).join('\n') + '\n';
    const run = await cli(['predict', modelPath, '-', '--json'], rows);
    assert.equal(run.code, 0, run.stderr);
    const predictions = JSON.parse(run.stdout) as { values: { price: number } }[];
    assert.equal(predictions.length, 20);
    const actual = rows.trim().split('\n').slice(1).map((l) => Number(l.split(',')[3]));
    const mae = predictions.reduce((s, p, i) => s + Math.abs(p.values.price - actual[i]!), 0) / 20;
    assert.ok(mae < 10, `mean absolute error ${mae} on prices of ${Math.min(...actual).toFixed(0)}..${Math.max(...actual).toFixed(0)}`);
  });
});
