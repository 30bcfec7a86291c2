/** Progress of reading a big CSV file: the byte counts readCsvFile reports, and the line the CLI draws from them. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it, mock } from 'node:test';
import { readCsvFile } from '../src/data/files.js';
import { readProgress } from '../src/cli/progress-line.js';
import { evaluateCommand } from '../src/cli/commands/evaluate.js';
import { cli, tempDir } from './cli-run.js';

describe('reading progress', () => {
  it('readCsvFile reports rising byte counts of a plain file, ending at its size', async () => {
    const path = join(tempDir(), 'rows.csv');
    const text = `a,b,y\n${'1.5,2.25,0\n3.5,4.75,1\n'.repeat(40_000)}`;
    writeFileSync(path, text);
    const calls: [number, number][] = [];
    const data = await readCsvFile(path, { onReadProgress: (read, total) => calls.push([read, total]) });
    assert.equal(data.labels?.length, 80_000);
    assert.ok(calls.length >= 3, `one call per chunk, got ${calls.length}`);
    assert.ok(calls.every(([read, total], i) => total === text.length && (i === 0 || read > calls[i - 1]![0])));
    assert.deepEqual(calls.at(-1), [text.length, text.length]);
  });

  it('evaluate reads its data file with the same byte counts (the CLI draws them on a terminal)', async () => {
    const dir = tempDir();
    const path = join(dir, 'rows.csv');
    const text = `a,b,y\n${'1.5,2.25,0\n3.5,4.75,1\n'.repeat(5_000)}`;
    writeFileSync(path, text);
    const model = join(dir, 'm.json');
    const trained = await cli(['train', path, '--epochs', '1', '--layers', '2', '--save', model, '--no-out', '--quiet']);
    assert.equal(trained.code, 0, trained.stderr);
    const calls: [number, number][] = [];
    const result = await evaluateCommand({ model, data: path, onReadProgress: (read, total) => calls.push([read, total]) });
    assert.equal(result.task, 'classification');
    assert.deepEqual(calls.at(-1), [text.length, text.length]);
  });

  it('the CLI line stays quiet for a read under a second, then counts megabytes and clears at the end', () => {
    mock.timers.enable({ apis: ['Date'], now: 0 });
    try {
      const out = new PassThrough();
      let written = '';
      out.on('data', (chunk: Buffer) => (written += chunk.toString()));
      const shown = (): string => written; // read through a call: the assertions below would narrow the variable
      const progress = readProgress(out, 'big.csv');
      progress(50e6, 300e6);
      assert.equal(shown(), '', 'nothing in the first second');
      mock.timers.tick(1500);
      progress(120e6, 300e6);
      assert.equal(shown(), '\rreading big.csv: 120 of 300 MB');
      progress(300e6, 300e6);
      assert.equal(shown().endsWith('\r\x1b[K'), true, 'the end clears the line');
      const quick = readProgress(out, 'small.csv');
      written = '';
      quick(1e6, 1e6);
      assert.equal(shown(), '', 'a read done within the second draws nothing, not even the clearing');
    } finally {
      mock.timers.reset();
    }
  });
});
