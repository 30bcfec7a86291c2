/**
 * The playground in real Chromium: loads cleanly, learns the spiral, redraws its decision
 * boundary, shows the worked example's total error, classifies a drawn digit, reproduces a
 * URL's settings and run, and exchanges model files with the library. Screenshots go to
 * test-output/ (or $SCREENSHOTS).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { Mlp, evaluateSamples, fit, matrixSource } from '../src/index.js';
import { loadMlp as loadModel, saveModel } from '../src/node.js';
import { generatePoints, pointInputs, pointTargets } from '../playground/datasets-2d.js';
import { numberIn, openPage, startHarness, waitFor, type Harness } from './playground-harness.js';

/** The spiral bound: test loss (binary cross-entropy) under 0.1 within 90 s of pressing play. */
const SPIRAL_LOSS_BOUND = 0.1;
const SPIRAL_SECONDS = 90;
/** The digits bound: seed 003's 784-200-10 network reaches 90 % test accuracy within 240 s of pressing play. */
const DIGITS_ACCURACY = 90;
const DIGITS_SECONDS = 240;
/** Screenshots go to test-output/ (git-ignored); SCREENSHOTS=docs/images refreshes the README's pictures. */
const IMAGES = process.env['SCREENSHOTS'] ?? 'test-output';
mkdirSync(IMAGES, { recursive: true });

let harness: Harness;
before(async () => {
  mkdirSync(IMAGES, { recursive: true });
  harness = await startHarness();
});
after(async () => harness?.close());

const boundaryPixels = (page: Page) => page.$eval('#boundary', (c) => (c as HTMLCanvasElement).toDataURL());

test('the page loads with no console errors, draws the network, and runs wasm in the worker and on the page thread', async () => {
  const { page, errors } = await openPage(harness);
  await waitFor('the first snapshot', 30, async () => ((await page.textContent('#test-loss')) !== '–' ? true : undefined));
  assert.equal(await page.locator('#network canvas.neuron').count(), 2 + 16 + 16 + 1);
  // The page thread compiles asynchronously (loadWasmBackend): synchronous compiles are refused there.
  const engine = await waitFor('the page engine', 30, async () => {
    const text = (await page.textContent('#engine')) ?? '';
    return text.includes('page: wasm') ? text : undefined;
  });
  assert.match(engine, /^engine: wasm · page: wasm/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test(`training the spiral with the default network brings the test loss under ${SPIRAL_LOSS_BOUND} within ${SPIRAL_SECONDS} s, and the boundary changes`, async () => {
  const { page, errors } = await openPage(harness, '#dataset=spiral');
  await waitFor('the first snapshot', 30, async () => numberIn(page, '#test-loss'));
  const untrained = await boundaryPixels(page);
  const start = Date.now();
  await page.click('#panel-play .play');
  const loss = await waitFor(`test loss < ${SPIRAL_LOSS_BOUND}`, SPIRAL_SECONDS, async () => {
    const value = await numberIn(page, '#test-loss');
    return value !== undefined && value < SPIRAL_LOSS_BOUND ? value : undefined;
  });
  const seconds = (Date.now() - start) / 1000;
  const epochs = await numberIn(page, '#epoch');
  console.log(`spiral: test loss ${loss} after ${seconds.toFixed(1)} s, ${epochs} epochs`);
  await page.click('#panel-play .play');
  assert.notEqual(await boundaryPixels(page), untrained, 'the decision boundary must change as the network trains');
  await page.screenshot({ path: join(IMAGES, 'playground.png') });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("the step-by-step panel shows the classic example's total error 0.298371109", async () => {
  const { page, errors } = await openPage(harness, '#tab=explain');
  assert.equal((await page.textContent('#total-error'))?.trim(), '0.298371109');
  const lastLine = async () => page.textContent('#explain-step');
  for (let i = 0; i < 4; i++) await page.click('[data-explain="next"]');
  assert.match((await lastLine()) ?? '', /E_total = E_o1 \+ E_o2 = 0\.298371109/);
  for (let i = 0; i < 6; i++) await page.click('[data-explain="next"]');
  await page.screenshot({ path: join(IMAGES, 'playground-explain.png') });
  await page.click('[data-explain="last"]');
  assert.match((await lastLine()) ?? '', /w4⁺ = w4 − η · ∂E_total\/∂w4 = 0\.3 − 0\.5 × 0\.000995425 = 0\.299502287/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a URL reproduces its settings and its run', async () => {
  const hash = '#dataset=xor&noise=20&train=70&hidden=4,3&activation=tanh&optimizer=sgd&lr=0.03&batch=5&l2=0.001&seed=7';
  const losses: string[] = [];
  for (let run = 0; run < 2; run++) {
    const { page, errors } = await openPage(harness, hash);
    await waitFor('the first snapshot', 30, async () => numberIn(page, '#test-loss'));
    const values = await page.$$eval('[data-setting]', (elements) => elements.map((e) => `${(e as HTMLInputElement).dataset.setting}=${(e as HTMLInputElement).value}`));
    for (const expected of ['noise=20', 'trainPercent=70', 'activation=tanh', 'optimizer=sgd', 'learningRate=0.03', 'batchSize=5', 'l2=0.001', 'seed=7']) assert.ok(values.includes(expected), `${expected} in ${values.join(' ')}`);
    assert.equal(await page.textContent('#shape'), '2 → 4 → 3 → 1');
    assert.equal(await page.getAttribute('[data-dataset="xor"]', 'class'), 'dataset active');
    for (let i = 0; i < 3; i++) await page.click('#panel-play [data-action="step"]');
    await waitFor('three epochs', 30, async () => ((await numberIn(page, '#epoch')) === 3 ? true : undefined));
    losses.push(`${await page.textContent('#train-loss')} ${await page.textContent('#test-loss')} ${await boundaryPixels(page)}`);
    assert.match(page.url(), /seed=7/);
    assert.deepEqual(errors, []);
    await page.context().close();
  }
  assert.equal(losses[0], losses[1], 'the same URL must give the same losses and boundary after 3 epochs');
});

test('model files: the page saves one that the library and backprop evaluate read, and loads one the library saved', async () => {
  const settings = { dataset: 'circle', points: 500, noise: 0, trainPercent: 50, seed: 3 } as const;
  const { page, errors } = await openPage(harness, '#dataset=circle&seed=3');
  await waitFor('the first snapshot', 30, async () => numberIn(page, '#test-loss'));
  await page.click('#panel-play .play');
  await waitFor('some training', 60, async () => ((await numberIn(page, '#epoch')) ?? 0) > 20 ? true : undefined);
  await page.click('#panel-play .play');
  await waitFor('the pause', 10, async () => ((await page.textContent('#panel-play .play')) === '▶' ? true : undefined));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#panel-play [data-action="save"]')]);
  const saved = join(harness.dir, 'page-model.json');
  await download.saveAs(saved);
  const model = await loadModel(saved);
  const split = generatePoints(settings);
  const test = matrixSource({ x: pointInputs(split.test), y: pointTargets(split.test) });
  const evaluation = evaluateSamples(model, test, { loss: 'binaryCrossEntropy', task: 'classification' });
  assert.ok((evaluation.accuracy ?? 0) > 0.9, `the saved model classifies the circle's test points (accuracy ${evaluation.accuracy})`);
  const csv = join(harness.dir, 'circle-test.csv');
  writeFileSync(csv, 'x,y,label\n' + split.test.map((p) => `${p.x},${p.y},${p.label}`).join('\n') + '\n');
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'evaluate', saved, csv, '--json'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, `backprop evaluate failed:\n${cli.stdout}\n${cli.stderr}`);
  const cliAccuracy = (JSON.parse(cli.stdout) as { metrics: { accuracy: number } }).metrics.accuracy;
  assert.equal(cliAccuracy.toFixed(6), (evaluation.accuracy ?? NaN).toFixed(6), 'backprop evaluate agrees with the library on the page-saved model');

  const mine = Mlp.create({ sizes: [2, 5, 1], activation: 'tanh', outputActivation: 'sigmoid', seed: 5 });
  fit(mine, { x: pointInputs(split.train), y: pointTargets(split.train) }, { loss: 'binaryCrossEntropy', optimizer: { kind: 'adam', learningRate: 0.03 }, epochs: 60, batchSize: 10, seed: 5 });
  const expected = evaluateSamples(mine, test, { loss: 'binaryCrossEntropy', task: 'classification' }).loss;
  const file = join(harness.dir, 'library-model.json');
  await saveModel(mine, file);
  await page.setInputFiles('#model-file', file);
  await waitFor('the loaded network', 30, async () => ((await page.textContent('#shape')) === '2 → 5 → 1' ? true : undefined));
  const shown = await waitFor('the test loss of the loaded model', 30, async () => numberIn(page, '#test-loss'));
  assert.equal(shown.toFixed(3), expected.toFixed(3), 'the page evaluates the loaded weights as the library does');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the digits panel trains seed 003 live, and a digit drawn on the pad gets a prediction', async () => {
  const { page, errors } = await openPage(harness, '#tab=digits');
  await waitFor('the digits to load and the first evaluation', 60, async () => numberIn(page, '#digits-accuracy'));
  const start = Date.now();
  await page.click('#panel-digits .play');
  const accuracy = await waitFor(`test accuracy ≥ ${DIGITS_ACCURACY}%`, DIGITS_SECONDS, async () => {
    const value = await numberIn(page, '#digits-accuracy');
    return value !== undefined && value >= DIGITS_ACCURACY ? value : undefined;
  });
  console.log(`digits: ${accuracy}% test accuracy after ${((Date.now() - start) / 1000).toFixed(1)} s, ${await page.textContent('#digits-samples')} samples`);
  await page.click('#panel-digits .play');
  await waitFor('the pause', 10, async () => ((await page.textContent('#panel-digits .play')) === '▶' ? true : undefined));
  assert.ok((await page.locator('#mistakes canvas').count()) > 0, 'the mistakes grid shows test digits');
  const box = (await page.locator('#pad').boundingBox())!;
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
  const stroke = async (points: (readonly [number, number])[]) => {
    await page.mouse.move(...at(...points[0]!));
    await page.mouse.down();
    for (const p of points.slice(1)) await page.mouse.move(...at(...p), { steps: 8 });
    await page.mouse.up();
  };
  await stroke([[0.3, 0.25], [0.7, 0.25], [0.45, 0.8]]);
  const prediction = await waitFor('a prediction', 20, async () => (await page.getAttribute('#probabilities', 'data-prediction')) || undefined);
  assert.match(prediction, /^[0-9]$/);
  console.log(`digits: the drawn 7 was read as ${prediction}`);
  await page.screenshot({ path: join(IMAGES, 'playground-digits.png') });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#panel-digits [data-action="save"]')]);
  const saved = join(harness.dir, 'digits.json');
  await download.saveAs(saved);
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'evaluate', saved, 'mnist'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, `backprop evaluate failed:\n${cli.stdout}\n${cli.stderr}`);
  console.log(`backprop evaluate digits.json mnist:\n${cli.stdout}`);
  assert.match(cli.stdout, /accuracy/i);
  assert.deepEqual(errors, []);
  await page.context().close();
});
