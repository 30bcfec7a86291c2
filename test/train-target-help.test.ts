/** `train --help` states the --target default the loader applies (label/target/class/y, else the last column). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

test('train --help: --target names the label/target/class/y default', () => {
  const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', main, 'train', '--help'], { encoding: 'utf8' });
  assert.equal(run.status, 0);
  const text = run.stdout.replace(/\s+/g, ' ');
  assert.match(text, /--target <column> CSV target column: header name or 0-based index \(default: the one column named label\/target\/class\/y, else the last\)/);
});
