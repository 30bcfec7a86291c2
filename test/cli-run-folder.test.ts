/** The run folder of the real CLI: every file listed, history and metrics readable, PNGs that decode to the SVGs' size ×2. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { cli, tempDir, writeHousesCsv } from './cli-run.js';

/** Trains with `args` into a fresh run folder; returns the folder and the --json result. */
async function trainInto(args: string[]): Promise<{ folder: string; result: { files: string[]; runFolder: string; epochs: number } }> {
  const folder = join(tempDir(), 'run');
  const outcome = await cli(['train', ...args, '--out', folder, '--json']);
  assert.equal(outcome.code, 0, outcome.stderr);
  return { folder, result: JSON.parse(outcome.stdout) as { files: string[]; runFolder: string; epochs: number } };
}

/** Asserts that `name`.png decodes to an image twice the size the SVG declares, and is not blank. */
function assertPicture(folder: string, name: string): void {
  const svg = readFileSync(join(folder, `${name}.svg`), 'utf8');
  const size = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  assert.ok(size !== null, `${name}.svg declares its size`);
  assert.match(svg, /<title>/, `${name}.svg has a title`);
  const png = PNG.sync.read(readFileSync(join(folder, `${name}.png`)));
  assert.equal(png.width, Math.round(Number(size[1]) * 2), `${name}.png width`);
  assert.equal(png.height, Math.round(Number(size[2]) * 2), `${name}.png height`);
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
  assert.ok(colours.size > 3, `${name}.png is not blank (${colours.size} colours sampled)`);
}

const BASE = ['model.json', 'history.csv', 'metrics.json', 'training-curves.svg', 'training-curves.png'];

describe('run folders', { concurrency: 2 }, () => {
  it('image classification: curves, confusion matrix and misclassified digits', async () => {
    const { folder, result } = await trainInto(['mnist', '--layers', '16', '--epochs', '2', '--batch-size', '64', '--validation-split', '0.1']);
    const expected = [...BASE, 'confusion-matrix.svg', 'confusion-matrix.png', 'misclassified.svg', 'misclassified.png'];
    assert.equal(result.runFolder, folder);
    assert.deepEqual(result.files.map((f) => f.slice(folder.length + 1)).sort(), [...expected].sort());
    assert.deepEqual(readdirSync(folder).sort(), [...expected].sort());
    for (const name of ['training-curves', 'confusion-matrix', 'misclassified']) assertPicture(folder, name);
    const history = readFileSync(join(folder, 'history.csv'), 'utf8').trim().split('\n');
    assert.equal(history[0], 'epoch,loss,accuracy,validationLoss,validationAccuracy,learningRate,epochSeconds,elapsed,samplesPerSecond');
    assert.equal(history.length, 1 + 2);
    const metrics = JSON.parse(readFileSync(join(folder, 'metrics.json'), 'utf8')) as { details: { test: { confusionMatrix: number[][] } } };
    assert.equal(metrics.details.test.confusionMatrix.flat().reduce((a, b) => a + b, 0), 2000);
    assert.match(readFileSync(join(folder, 'misclassified.svg'), 'utf8'), /true \d .*pred \d|true \d/);
  });

  it('regression: predicted-vs-actual scatter', async () => {
    const csv = writeHousesCsv(tempDir());
    const { folder, result } = await trainInto([csv, '--layers', '8', '--epochs', '5']);
    const expected = [...BASE, 'predicted-vs-actual.svg', 'predicted-vs-actual.png'];
    assert.deepEqual(readdirSync(folder).sort(), [...expected].sort());
    assert.equal(result.files.length, expected.length);
    for (const name of ['training-curves', 'predicted-vs-actual']) assertPicture(folder, name);
    assert.match(readFileSync(join(folder, 'predicted-vs-actual.svg'), 'utf8'), /actual price/);
  });

  it('2-D inputs: the decision boundary', async () => {
    const { folder } = await trainInto(['xor', '--layers', '6', '--activation', 'tanh', '--epochs', '50', '--batch-size', 'full', '--learning-rate', '0.05', '--test-split', '0']);
    const expected = [...BASE, 'confusion-matrix.svg', 'confusion-matrix.png', 'decision-boundary.svg', 'decision-boundary.png'];
    assert.deepEqual(readdirSync(folder).sort(), [...expected].sort());
    for (const name of ['training-curves', 'confusion-matrix', 'decision-boundary']) assertPicture(folder, name);
  });
});
