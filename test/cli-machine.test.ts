/**
 * The CLI on a stranger's machine: output that cannot be written, signals, the environment
 * (terminal variables, the working folder) and odd paths. Each ends as one line with a
 * meaningful exit code, and leaves nothing half-written behind.
 */
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli, errorLines, tempDir } from './cli-run.js';

describe('the CLI on a stranger machine', { concurrency: 2 }, () => {
  it('stdout on a full disk (/dev/full): one line, and the training still saves its model and run folder, exit 1', async () => {
    const dir = tempDir();
    const full = openSync('/dev/full', 'w');
    try {
      const outcome = await cli(['train', 'xor', '--epochs', '50', '--log-every', '1', '--save', join(dir, 'm.json'), '--out', join(dir, 'run')], '', { stdout: full });
      assert.equal(outcome.code, 1, outcome.stderr);
      assert.deepEqual(errorLines(outcome), ['backprop: cannot write the output (stdout): no space left on the device; the rest of the output is dropped, the command goes on']);
      assert.ok(existsSync(join(dir, 'm.json')), 'the model is saved');
      assert.ok(existsSync(join(dir, 'run', 'model.json')), 'the run folder is complete');
      assert.deepEqual(readdirSync(dir).sort(), ['m.json', 'run'], 'no staging folder or temporary file left');
    } finally {
      closeSync(full);
    }
  });
});
