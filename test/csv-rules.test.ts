/** The CSV rules: whitespace around numbers (as pandas), byte order marks, UTF-16, comments, and large splits. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Matrix, parseCsv, splitDataset } from '../src/index.js';
import { CsvRecordReader, parseNumber } from '../src/data/csv-records.js';
import { readCsvFile } from '../src/data/files.js';
import { tempDir } from './cli-run.js';

describe('CSV rules', () => {
  const dir = tempDir();

  it('whitespace around a number is ignored, quoted or not; whitespace alone is an empty cell', () => {
    assert.equal(parseNumber(' 1 '), 1);
    assert.equal(parseNumber('\t2\n'), 2);
    assert.equal(parseNumber('   '), undefined);
    assert.equal(parseNumber('1 2'), undefined);
    const data = parseCsv('a,b,y\n" 1 ",  2 ,"\t3\n"\n4,5,6\n', { task: 'regression' });
    assert.deepEqual(Array.from(data.inputs instanceof Matrix ? data.inputs.data : []), [1, 2, 4, 5]);
    assert.deepEqual(Array.from(data.targets!.data), [3, 6]);
    // a cell of spaces is empty, so it is a missing cell (refused by default, named)
    assert.throws(() => parseCsv('a,y\n" ",1\n2,3\n'), /<string>:2:1: missing cell in column "a"/);
  });

  it('a UTF-8 byte order mark is dropped, in a file and in a string', async () => {
    const path = join(dir, 'bom.csv');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x,y\n1,2\n3,4\n')]));
    assert.deepEqual((await readCsvFile(path)).featureNames, ['x']);
    assert.deepEqual(parseCsv('\uFEFFx,y\n1,2\n3,4\n').featureNames, ['x']);
  });

  it('UTF-16 is refused with a line saying so, with or without its byte order mark', async () => {
    const text = 'x,y\n1,2\n';
    const le = join(dir, 'le.csv');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await assert.rejects(readCsvFile(le), /le\.csv \(byte 0\): is UTF-16 LE text .*UTF-16 is not supported, save it as UTF-8/);
    const bare = join(dir, 'bare.csv');
    writeFileSync(bare, Buffer.from(text, 'utf16le'));
    await assert.rejects(readCsvFile(bare), /bare\.csv \(byte 1\): contains a NUL byte: this is binary data or UTF-16 text without a byte order mark/);
  });

  it('a comment (with the marker set) is a line whose first character is the marker, and only that', () => {
    const data = parseCsv('# 1,2,3\nx,y\n#9,9\n1,2\n3,4\n', { task: 'regression', comment: '#' });
    assert.deepEqual(Array.from(data.targets!.data), [2, 4]);
    assert.throws(() => parseCsv('x,y\n  # 1,2\n1,2\n', { comment: '#' }), /<string>:2:1: "# 1" in column "x" is not a number/);
  });

  it('quotes: spaces around a quoted field are dropped; a quote inside an unquoted field is a character (as pandas)', () => {
    const records: string[][] = [];
    const reader = new CsvRecordReader((fields) => records.push(fields.map(String)), { file: 'q.csv' });
    // `"a", "b"` as people write by hand; 6'2" (feet and inches) as spreadsheets export it
    for (const piece of ['name, "height" ,team\n', '"Ann" , 5\'11", "red"\n', 'Bob,6\'2",bl', 'ue\n12" pizza,a""b, "x""y" \n']) reader.push(piece);
    reader.end();
    assert.deepEqual(records, [['name', 'height', 'team'], ['Ann', '5\'11"', 'red'], ['Bob', '6\'2"', 'blue'], ['12" pizza', 'a""b', 'x"y']]);
    const data = parseCsv('h,y\n5\'11",1\n6\'2",0\n5\'11",1\n', { task: 'classification' });
    assert.deepEqual(data.columns, [{ name: 'h', kind: 'categorical', categories: ['5\'11"', '6\'2"'] }]);
    // after a closing quote only spaces, the delimiter or a line end may come
    assert.throws(() => parseCsv('a,y\n"1"2,3\n'), /<string>:2:1: unexpected "2" after a closing quote/);
    assert.throws(() => parseCsv('a,y\n"1" "2",3\n'), /<string>:2:1: unexpected "\\"" after a closing quote/);
  });

  it("Excel's sep= first line names the delimiter and is skipped, with a note; line numbers stay the file's", () => {
    const notes: string[] = [];
    const data = parseCsv('sep=;\r\na;b;y\r\n0,5;1,5;1\r\n1,5;2,5;2\r\n', { task: 'regression', onNote: (n) => notes.push(n) });
    assert.deepEqual(data.featureNames, ['a', 'b']);
    assert.deepEqual(Array.from((data.inputs as Matrix).data), [0.5, 1.5, 1.5, 2.5]);
    assert.deepEqual(notes, ['<string>: the first line "sep=;" is Excel\'s delimiter line: read ";" as the delimiter and skipped the line']);
    assert.throws(() => parseCsv('"sep=|"\na|y\n1|2\nx|3\n', { task: 'regression' }), /<string>:4:1: "x" in column "a"/);
    // With --skip-rows the person says what the first lines are: sep= is then not looked for.
    assert.deepEqual(parseCsv('sep=;\na,y\n1,2\n', { skipRows: 1, task: 'regression' }).featureNames, ['a']);
  });

  it('a split of 300,000 rows does not overflow the call stack', () => {
    const rows = 300_000;
    const data = { name: 'big', task: 'regression' as const, inputs: Matrix.zeros(rows, 2), targets: Matrix.zeros(rows, 1), labels: undefined, featureNames: ['a', 'b'], classNames: [], targetNames: ['y'] };
    const { train, test } = splitDataset(data, { testFraction: 0.2, seed: 1 });
    assert.equal((train.inputs as Matrix).rows + (test.inputs as Matrix).rows, rows);
    assert.equal((test.inputs as Matrix).rows, 60_000);
  });
});
