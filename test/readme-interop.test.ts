/**
 * The README's "Deploy and interoperate" session, reproduced: every `$ backprop …` line of the
 * block after the `interop-session` marker runs in a temporary folder (with PyTorch's tiny.onnx
 * from test/fixtures/onnx) and must print exactly the lines shown under it; then
 * examples/standalone-usage.mjs (shown in the README as it is) runs beside the exported predict.js
 * and prints what its comments say.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { tempDir } from './cli-run.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The session block: commands and the output shown under each. */
function session(): { command: string; expected: string[] }[] {
  const start = readme.indexOf('<!-- interop-session');
  assert.ok(start >= 0, 'the README has the interop-session block');
  const block = readme.slice(readme.indexOf('```\n', start) + 4, readme.indexOf('\n```', readme.indexOf('```\n', start) + 4));
  const steps: { command: string; expected: string[] }[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), expected: [] });
    else steps.at(-1)!.expected.push(line);
  }
  return steps;
}

/** Runs the CLI from source in `cwd`; returns stdout. */
function backprop(args: readonly string[], cwd: string): string {
  const loader = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
  const run = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', loader, join(root, 'src/cli/main.ts'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(run.status, 0, `backprop ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

test('the README session reproduces, output for output', () => {
  const dir = tempDir();
  copyFileSync(join(root, 'test/fixtures/onnx/tiny.onnx'), join(dir, 'tiny.onnx'));
  const steps = session();
  assert.ok(steps.length >= 5);
  for (const { command, expected } of steps) {
    const match = /^backprop (.*?)(?: \| head -n (\d+))?( > \/dev\/null)?$/.exec(command);
    assert.ok(match, `a command the test can run: ${command}`);
    let lines = backprop(match[1]!.split(' '), dir).replace(/\n$/, '').split('\n');
    if (match[3] !== undefined) lines = [];
    if (match[2] !== undefined) lines = lines.slice(0, Number(match[2]));
    assert.deepEqual(lines, expected, command);
  }
  const usage = readFileSync(join(root, 'examples/standalone-usage.mjs'), 'utf8');
  assert.ok(readme.includes(usage.trim()), 'the README shows examples/standalone-usage.mjs as it is');
  copyFileSync(join(root, 'examples/standalone-usage.mjs'), join(dir, 'standalone-usage.mjs'));
  const run = spawnSync(process.execPath, ['standalone-usage.mjs'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const promised = [...usage.matchAll(/\/\/ prints: (.*)$/gm)].map((m) => m[1]);
  assert.equal(promised.length, 3);
  assert.deepEqual(run.stdout.trim().split('\n'), promised);
});
