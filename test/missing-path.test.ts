/** A data or model path that does not exist: URLs named, near misses in the folder offered, a missing folder named. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { missingPathReason } from '../src/data/missing-path.js';
import { tempDir } from './cli-run.js';
import { runInProcess } from './helpers/cli-in-process.js';

describe('missing paths', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'train.csv'), 'a,y\n1,0\n2,1\n3,0\n4,1\n');

  it('names a URL, offers the same name in another case or a near spelling, and names a missing folder', () => {
    assert.match(missingPathReason('https://example.com/d.csv'), /^is a URL; backprop reads local files: download it first \(curl -LO https:\/\/example\.com\/d\.csv\)/);
    assert.equal(missingPathReason(join(dir, 'data', 'Train.CSV')), `no such file or directory; did you mean ${JSON.stringify(join(dir, 'data', 'train.csv'))}?`);
    assert.equal(missingPathReason(join(dir, 'data', 'trian.csv')), `no such file or directory; did you mean ${JSON.stringify(join(dir, 'data', 'train.csv'))}?`);
    assert.equal(missingPathReason(join(dir, 'data', 'other.csv')), 'no such file or directory');
    assert.equal(missingPathReason(join(dir, 'nope', 'train.csv')), `no such file or directory (the folder ${join(dir, 'nope')} does not exist)`);
  });

  it('train, predict and a model path give that one line with exit 1', async () => {
    const train = await runInProcess(['train', join(dir, 'data', 'TRAIN.csv'), '--no-out']);
    assert.equal(train.code, 1);
    assert.match(train.stderr.trim(), /TRAIN\.csv: no such file or directory; did you mean ".*train\.csv"\?$/);
    const model = join(dir, 'm.json');
    assert.equal((await runInProcess(['train', join(dir, 'data', 'train.csv'), '--epochs', '1', '--no-out', '--quiet', '--save', model])).code, 0);
    const predict = await runInProcess(['predict', model, join(dir, 'data', 'tran.csv')]);
    assert.equal(predict.code, 1);
    assert.match(predict.stderr.trim(), /tran\.csv: no such file; did you mean ".*train\.csv"\?$/);
    const wrongModel = await runInProcess(['predict', join(dir, 'M.json'), join(dir, 'data', 'train.csv')]);
    assert.equal(wrongModel.code, 1);
    assert.match(wrongModel.stderr.trim(), /M\.json: no such file; did you mean ".*m\.json"\?$/);
  });
});
