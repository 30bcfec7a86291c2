/**
 * The README's "Your own data" session, run for real: each `$ command` line runs in a folder
 * holding test/fixtures/customers.csv, with `backprop` on PATH, and its output (stderr, then
 * stdout) must equal what the README shows, timings and throughput masked.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function readmeSession(): { command: string; output: string }[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('<!-- readme-session:');
  assert.ok(start >= 0, 'README has the session marker');
  const block = /```console\n([\s\S]*?)```/.exec(readme.slice(start))![1]!;
  const steps: { command: string; output: string }[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), output: '' });
    else if (steps.length > 0 && line !== '') steps.at(-1)!.output += `${line}\n`;
    else if (steps.length > 0) steps.at(-1)!.output += '\n';
  }
  return steps.map((s) => ({ ...s, output: s.output.replace(/\n+$/, '\n') }));
}

/** Timings and throughput change from run to run. */
const mask = (text: string) => text.replace(/[\d,]+ samples\/s/g, 'N samples/s').replace(/\b\d+\.\d+s\b/g, 'Ts').replace(/\n+$/, '\n');

function run(command: string, cwd: string, path: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', command], { cwd, env: { ...process.env, PATH: path, NO_COLOR: '1' } }, (_error, stdout, stderr) => resolve(stderr + stdout));
  });
}

test('README "Your own data": the session shown is the session you get', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-readme-'));
  copyFileSync(join(root, 'test/fixtures/customers.csv'), join(dir, 'customers.csv'));

  const loader = import.meta.resolve('tsx');
  writeFileSync(join(dir, 'backprop'), `#!/bin/sh\nexec "${process.execPath}" --experimental-wasm-relaxed-simd --import ${loader} "${join(root, 'src/cli/main.ts')}" "$@"\n`);
  chmodSync(join(dir, 'backprop'), 0o755);
  const steps = readmeSession();
  assert.ok(steps.length >= 5, `${steps.length} commands in the session`);
  for (const { command, output } of steps) {
    const actual = await run(command, dir, `${dir}:${process.env['PATH'] ?? ''}`);
    assert.equal(mask(actual), mask(output), `output of: ${command}`);
  }

});
