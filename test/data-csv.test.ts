import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Matrix } from '../src/matrix.js';
import { createCsvParser, parseCsv } from '../src/data/index.js';
import { EMBEDDED_HOUSING, readCsvFile } from '../src/data/node.js';
import { assertDataError } from './helpers/data-errors.js';

const SAMPLE = `# measurements
sepal length,"sepal, width",species

5.1, 3.5,setosa
"7.0",3.2,"versi""color"
6.3,3.3,virginica
# trailing comment
`;

test('CSV: header, quoted fields with delimiters and doubled quotes, comments and blank lines, labels → classes', () => {
  const ds = parseCsv(SAMPLE, { file: 'flowers.csv', comment: '#' });
  assert.equal(ds.task, 'classification');
  assert.deepEqual(ds.featureNames, ['sepal length', 'sepal, width']);
  assert.deepEqual(ds.classNames, ['setosa', 'versi"color', 'virginica']);
  assert.deepEqual(Array.from(ds.labels!), [0, 1, 2]);
  assert.deepEqual((ds.inputs as Matrix).toArray().map((r) => r.map((v) => Math.round(v * 10) / 10)), [[5.1, 3.5], [7, 3.2], [6.3, 3.3]]);
});

test('CSV: the result is the same however the text is split into chunks', () => {
  const whole = parseCsv(SAMPLE, { comment: '#' });
  for (let cut = 0; cut <= SAMPLE.length; cut++) {
    const parser = createCsvParser({ comment: '#' });
    parser.push(SAMPLE.slice(0, cut));
    parser.push(SAMPLE.slice(cut));
    const ds = parser.end();
    assert.deepEqual(Array.from((ds.inputs as Matrix).data), Array.from((whole.inputs as Matrix).data), `cut at ${cut}`);
    assert.deepEqual(ds.classNames, whole.classNames);
  }
});

test('CSV: target by name or index, regression for non-integer numbers, numeric classes sorted numerically', () => {
  const text = 'a,b,c\n1.5,2,10\n3,4,2\n5,6,10\n';
  const byName = parseCsv(text, { target: 'a' });
  assert.equal(byName.task, 'regression');
  assert.deepEqual(byName.featureNames, ['b', 'c']);
  assert.deepEqual(Array.from(byName.targets!.data), [1.5, 3, 5]);
  const byIndex = parseCsv(text, { target: 1 });
  assert.deepEqual(byIndex.featureNames, ['a', 'c']);
  const classes = parseCsv(text, { task: 'classification' });
  assert.deepEqual(classes.classNames, ['2', '10']);
  assert.deepEqual(Array.from(classes.labels!), [1, 0, 1]);
  const noHeader = parseCsv('1.5,2\n3,4\n', { target: 0 });
  assert.deepEqual(noHeader.featureNames, ['column2']);
  assert.equal(noHeader.targets!.rows, 2);
  const fixed = parseCsv('x,y\n1,b\n2,a\n', { classNames: ['b', 'a'] });
  assert.deepEqual(Array.from(fixed.labels!), [0, 1]);
});

test('CSV errors: ragged rows, non-numeric cells, open quotes, stray quotes, unknown target, mixed labels', () => {
  assertDataError(() => parseCsv('a,b,c\n1,2,3\n4,5\n', { file: 'ragged.csv' }), 'ragged.csv:3:3', /expected 3 fields.*found 2/);
  assertDataError(() => parseCsv('a,b,c\n1,2,3\n4,5,6,7\n', { file: 'long.csv' }), 'long.csv:3:4', /found 4/);
  assertDataError(() => parseCsv('a,b,c\n1,2,3\n# note\n\n4,x7,6\n', { file: 'bad.csv', comment: '#' }), 'bad.csv:5:2', /"x7" in column "b" is not a number/);
  assertDataError(() => parseCsv('a,b\n1,\n', { file: 'empty.csv', task: 'regression' }), 'empty.csv:2:2', /empty/);
  assertDataError(() => parseCsv('a,b\n1,2\n"3,4\n5,6\n', { file: 'open.csv' }), 'open.csv:3:1', /never closed/);
  assertDataError(() => parseCsv('a,b\n1,"2"x\n', { file: 'stray.csv' }), 'stray.csv:2:2', /unexpected "x" after a closing quote/);
  assertDataError(() => parseCsv('a,b\n1,2\n', { file: 't.csv', target: 'z' }), 't.csv:1', /no column named "z"/);
  assertDataError(() => parseCsv('a,label\n1,cat\n2,dog\n3,7\n', { file: 'mixed.csv' }), 'mixed.csv:4:2', /mixes numbers and labels/);
  assertDataError(() => parseCsv('a,b\n1,x\n', { file: 'r.csv', task: 'regression' }), 'r.csv:2:2', /not a number/);
  assertDataError(() => parseCsv('a,b\n', { file: 'none.csv' }), 'none.csv', /no data rows/);
});

test('CSV file: streams the 20,640-row census file (the shipped copy, gunzipped into a temp folder)', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'backprop-csv-')), 'cal_housing.csv');
  writeFileSync(path, gunzipSync(readFileSync(EMBEDDED_HOUSING)));
  const ds = await readCsvFile(path, { dtype: 'float64' });
  assert.equal(ds.task, 'regression');
  assert.equal((ds.inputs as Matrix).rows, 20640);
  assert.equal(ds.featureNames.length, 8);
  assert.equal(ds.targets!.get(0, 0), 452600);
});
