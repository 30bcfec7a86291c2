/** CLI: the engine's thread count, the playground server, and toy data sets trained without a test part. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, errorLines, tempDir } from './cli-run.js';
import { maximumThreads } from '../src/backend/wasm.js';

test('--threads picks the worker count; the same seed gives the same loss on 1 and 2 threads', async () => {
  const run = async (threads: string) => {
    const outcome = await cli(['train', 'iris', '--layers', '8', '--epochs', '3', '--no-out', '--json', '--threads', threads]);
    assert.equal(outcome.code, 0, outcome.stderr);
    return (JSON.parse(outcome.stdout) as { train: { loss: number } }).train.loss;
  };
  assert.equal(await run('1'), await run('2'));
  const bad = await cli(['train', 'iris', '--threads', '0']);
  assert.equal(bad.code, 2);
  assert.deepEqual(errorLines(bad), ['backprop: --threads (worker threads) must be a whole number from 1 to ' + String(maximumThreads()) + ', got "0"']);
});

test('toy data sets train on all their rows (no test part) unless --test-split asks for one', async () => {
  const outcome = await cli(['train', 'xor', '--layers', '4', '--epochs', '2', '--no-out', '--json']);
  assert.equal(outcome.code, 0, outcome.stderr);
  const result = JSON.parse(outcome.stdout) as { samples: { train: number; test: number }; test: unknown };
  assert.deepEqual(result.samples, { train: 4, test: 0 });
  assert.equal(result.test, null);
  const split = await cli(['train', 'xor', '--test-split', '0.2', '--no-out']);
  assert.equal(split.code, 1);
  // A DataFormatError naming the data set and the flag (it was a bare RangeError, then splitDataset's words).
  assert.match(errorLines(split)[0]!, /^backprop: xor: 4 rows with --test-split 0\.2 leave an empty training or test part .*; choose another --test-split, or 0 to train on every row$/);
});

test('backprop playground serves a built copy on 127.0.0.1 with cross-origin isolation, or says how to build it', async () => {
  const missing = await cli(['playground', '--port', '0', '--dir', '/nonexistent']);
  assert.equal(missing.code, 2);
  assert.match(errorLines(missing)[0]!, /^backprop: --dir \/nonexistent: no index\.html there; give the folder "npm run build-playground" writes \(dist-playground\/\)$/);

  const dir = tempDir();
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>backprop playground</title>');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'playground', '--port', '0', '--dir', dir]);
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /playground on (http:\/\/127\.0\.0\.1:\d+\/?)/.exec(text);
        if (match !== null) resolve(match[1]!);
      });
      child.on('close', () => reject(new Error(`the server stopped: ${text}`)));
    });
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.equal(response.headers.get('cross-origin-embedder-policy'), 'require-corp');
    assert.match(await response.text(), /backprop playground/);
  } finally {
    child.kill();
  }
});

test('short runs draw the loss per group of steps, long runs per epoch, in the training-curves picture', async () => {
  const dir = tempDir();
  const short = await cli(['train', 'iris', '--layers', '8', '--epochs', '3', '--batch-size', '4', '--out', join(dir, 'short'), '--quiet']);
  assert.equal(short.code, 0, short.stderr);
  const shortSvg = readFileSync(join(dir, 'short', 'training-curves.svg'), 'utf8');
  assert.match(shortSvg, /step \(mean of every \d+\)/);
  assert.match(shortSvg, />epoch</, 'the accuracy panel stays per epoch');
  const long = await cli(['train', 'iris', '--layers', '8', '--epochs', '12', '--out', join(dir, 'long'), '--quiet']);
  assert.equal(long.code, 0, long.stderr);
  assert.doesNotMatch(readFileSync(join(dir, 'long', 'training-curves.svg'), 'utf8'), /step \(mean of every/);
});
