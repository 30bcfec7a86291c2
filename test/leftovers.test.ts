/** Nothing half-done is left behind: stale save temporaries are cleaned, run folders appear complete or say what is missing. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { Mlp, createReferenceBackend } from '../src/index.js';
import { loadModel, saveModel } from '../src/io/model-file.js';
import { completeRunFolder, makeStagingFolder } from '../src/cli/run-folder.js';
import { tempDir } from './cli-run.js';
import { runInProcess } from './helpers/cli-in-process.js';

describe('leftovers', () => {
  it('a save removes the .tmp files an earlier killed save of the same name left', async () => {
    const dir = tempDir();
    const path = join(dir, 'model.json');
    writeFileSync(join(dir, 'model.json.0123456789ab.tmp'), '{"half":');
    writeFileSync(join(dir, 'other.json.0123456789ab.tmp'), 'not ours');
    writeFileSync(join(dir, 'model.json.notes.tmp'), 'not a save temporary');
    await saveModel(Mlp.create({ sizes: [2, 3, 1], backend: createReferenceBackend() }), path);
    assert.deepEqual(readdirSync(dir).sort(), ['model.json', 'model.json.notes.tmp', 'other.json.0123456789ab.tmp']);
    await loadModel(path);
  });

  it('a run folder appears only when complete', async () => {
    const dir = tempDir();
    const out = join(dir, 'run');
    const run = await runInProcess(['train', 'xor', '--epochs', '1', '--quiet', '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(join(out, 'model.json')));
    assert.deepEqual(readdirSync(dir), ['run'], 'no staging folder left');
  });

  it('a failing stage leaves the final name absent and keeps what was written in NAME.incomplete', async () => {
    const dir = tempDir();
    const folder = join(dir, 'run');
    const staging = makeStagingFolder(folder);
    const stages = [
      { what: 'model, history and metrics', write: async (d: string) => (writeFileSync(join(d, 'model.json'), '{}'), ['model.json']) },
      { what: 'pictures', write: async () => Promise.reject(new Error('WebAssembly.instantiate(): Out of memory')) },
    ];
    await assert.rejects(
      completeRunFolder(folder, staging, stages),
      /run folder .*run not complete: writing the pictures failed \(WebAssembly\.instantiate\(\): Out of memory\); .*run\.incomplete holds model\.json; missing: pictures$/,
    );
    assert.deepEqual(readdirSync(dir), ['run.incomplete'], 'no half-filled run folder, no staging folder');
    assert.deepEqual(readdirSync(join(dir, 'run.incomplete')), ['model.json']);
  });

  it('a failing first stage leaves nothing behind', async () => {
    const dir = tempDir();
    const folder = join(dir, 'run');
    const stages = [{ what: 'model, history and metrics', write: async () => Promise.reject(new Error('ENOSPC')) }];
    await assert.rejects(completeRunFolder(folder, makeStagingFolder(folder), stages), /run folder .*run not written: writing the model, history and metrics failed \(ENOSPC\)$/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('a run never reuses the staging folder an interrupted run left', async () => {
    const dir = tempDir();
    const out = join(dir, 'run');
    const stale = makeStagingFolder(out); // as a run killed mid-way leaves it
    writeFileSync(join(stale, 'model.json'), '{"stale":true}');
    const run = await runInProcess(['train', 'xor', '--epochs', '1', '--quiet', '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.notEqual(readFileSync(join(out, 'model.json'), 'utf8'), '{"stale":true}');
    assert.ok(readdirSync(out).length > 3, readdirSync(out).join(', '));
    assert.deepEqual(readdirSync(dir).sort(), [basename(stale), 'run'].sort(), 'the stale folder is left as it was, nothing else');
  });

  it('a bad --target on a wide file lists the first ten columns, then how many more', async () => {
    const dir = tempDir();
    const names = Array.from({ length: 500 }, (_, i) => `feature_${i}`);
    const path = join(dir, 'wide.csv');
    writeFileSync(path, [names.join(','), names.map(() => '1').join(','), names.map(() => '2').join(',')].join('\n') + '\n');
    const run = await runInProcess(['train', path, '--target', 'nope', '--no-out']);
    assert.equal(run.code, 2, 'a column name that names no column is a usage mistake, as for --ignore');
    assert.match(run.stderr, /wide\.csv:1: no column named "nope" \(columns: feature_0, feature_1, .*feature_9, … and 490 more\)/);
    assert.ok(run.stderr.length < 300, `${run.stderr.length} characters`);
  });
});
