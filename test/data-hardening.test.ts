/**
 * Data-format hardening (issue 15): compressed files given as text refused by their magic bytes,
 * delimiter detection outside quoted cells, bare errors of the loaders turned into
 * DataFormatError / UsageError, preprocessing of a model file checked field by field.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { alignColumns, applyPipeline, DataFormatError, datasetFromRows, fitPreprocessing, invertPipeline, minMax, oneHot, parseCsv, preprocessingFromJSON, splitDataset, standardize, subset, targetMatrix } from '../src/data/index.js';
import type { Dataset } from '../src/data/index.js';
import { californiaHousing, mnist } from '../src/data/builtin-files.js';
import { loadDataset } from '../src/data/load.js';
import { loadModel as loadEstimator } from '../src/estimators/node.js';
import { ModelFormatError } from '../src/errors/model-format-error.js';
import { UsageError } from '../src/errors/usage-error.js';
import { Matrix } from '../src/matrix.js';
import { Random } from '../src/random.js';
import { detectDelimiter } from '../src/data/delimiter.js';
import { readCsvFile, readMnistCsvFile } from '../src/data/files.js';
import { tempDir } from './cli-run.js';
import { runInProcess } from './helpers/cli-in-process.js';

const CSV = 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n';

/** A zip archive (entries deflated) of `files`, name to text, with its central directory, as zip(1) writes one. */
function zipOf(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = deflateRawSync(Buffer.from(text));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Buffer.byteLength(text), 22);
    local.writeUInt16LE(Buffer.byteLength(name), 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(Buffer.byteLength(text), 24);
    central.writeUInt16LE(Buffer.byteLength(name), 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, Buffer.from(name), data);
    centrals.push(central, Buffer.from(name));
    offset += 30 + Buffer.byteLength(name) + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function refusedAs(promise: Promise<unknown>, words: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DataFormatError, String(error));
    assert.match(error.message, words);
    return true;
  });
}

describe('compressed files given as CSV', () => {
  const dir = tempDir();

  it('a gzip file, whatever its name, is inflated as it is read, as pandas reads data.csv.gz', async () => {
    const plain = await readCsvFile(join(dir, 'plain.csv'), {}).catch(() => undefined);
    assert.equal(plain, undefined, 'no such file yet');
    writeFileSync(join(dir, 'plain.csv'), CSV);
    const expected = await readCsvFile(join(dir, 'plain.csv'));
    for (const name of ['data.csv.gz', 'renamed.csv']) {
      const path = join(dir, name);
      writeFileSync(path, gzipSync(CSV));
      const data = await readCsvFile(path);
      assert.deepEqual(data.featureNames, expected.featureNames);
      assert.deepEqual(Array.from((data.inputs as Matrix).data), Array.from((expected.inputs as Matrix).data));
      assert.deepEqual(Array.from(data.labels ?? []), Array.from(expected.labels ?? []));
    }
    // Two gzip members one after the other (cat a.gz b.gz) are one text, as gunzip reads them.
    const members = join(dir, 'members.csv.gz');
    writeFileSync(members, Buffer.concat([gzipSync('a,b,y\n1,2,0\n3,4,1\n'), gzipSync('5,6,0\n7,8,1\n')]));
    assert.equal(((await readCsvFile(members)).inputs as Matrix).rows, 4);
  });

  it('a truncated gzip file, a gzip bomb past the input limit, and gzip piped to stdin each end as one line', async () => {
    const truncated = join(dir, 'cut.csv.gz');
    const whole = gzipSync(CSV.repeat(50));
    writeFileSync(truncated, whole.subarray(0, whole.length - 12));
    await refusedAs(readCsvFile(truncated), /cut\.csv\.gz: gzip data is truncated or corrupt after \d+ inflated bytes/);
    const bomb = join(dir, 'bomb.csv.gz');
    writeFileSync(bomb, gzipSync(Buffer.concat([Buffer.from(CSV), Buffer.alloc(4 << 20, 0x31)])));
    const { streamTextBytes } = await import('../src/data/bounded-read.js');
    await assert.rejects(streamTextBytes(bomb, () => undefined, { maxBytes: 1 << 20 }), /bomb\.csv\.gz: more than 1(\.0)? MB arrived, more than the input limit/);
    const { compressedKind } = await import('../src/data/bounded-read.js');
    assert.match(compressedKind(gzipSync(CSV))?.advice ?? '', /pass the file itself, or pipe it through gunzip -c/);
  });

  it('a zip archive of one file is read as that file (macOS extras and folders aside), as pandas reads data.zip', async () => {
    const plain = join(dir, 'zip-plain.csv');
    writeFileSync(plain, CSV);
    const expected = await readCsvFile(plain);
    const path = join(dir, 'download.csv');
    writeFileSync(path, zipOf({ 'data/': '', 'data/train.csv': CSV, '__MACOSX/data/._train.csv': 'junk', 'data/.DS_Store': 'junk' }));
    const data = await readCsvFile(path);
    assert.deepEqual(data.featureNames, expected.featureNames);
    assert.deepEqual(Array.from((data.inputs as Matrix).data), Array.from((expected.inputs as Matrix).data));
  });

  it('a zip of several files names them; a workbook is named as one; a damaged or bomb archive is one line', async () => {
    const several = join(dir, 'kaggle.zip');
    writeFileSync(several, zipOf({ 'train.csv': CSV, 'test.csv': CSV, 'gender_submission.csv': CSV }));
    await refusedAs(readCsvFile(several), /kaggle\.zip: is a zip archive of 3 files \(train\.csv, test\.csv, gender_submission\.csv\); unzip it and give one of them/);
    const sheet = join(dir, 'sheet.xlsx');
    writeFileSync(sheet, zipOf({ '[Content_Types].xml': '<x/>', 'xl/workbook.xml': '<x/>', 'xl/worksheets/sheet1.xml': '<x/>' }));
    await refusedAs(readCsvFile(sheet), /sheet\.xlsx: is an Excel workbook \(\.xlsx\), not CSV; save the sheet as CSV .*pandas\.read_excel/);
    const whole = zipOf({ 'data.csv': CSV });
    const cut = join(dir, 'cut.zip');
    writeFileSync(cut, whole.subarray(0, whole.length - 30));
    await refusedAs(readCsvFile(cut), /cut\.zip: is a damaged zip archive/);
    const bomb = join(dir, 'bomb.zip');
    writeFileSync(bomb, zipOf({ 'big.csv': `${CSV}${'1'.repeat(4 << 20)}` }));
    const { streamTextBytes } = await import('../src/data/bounded-read.js');
    await assert.rejects(streamTextBytes(bomb, () => undefined, { maxBytes: 1 << 20 }), /bomb\.zip: more than 1(\.0)? MB arrived, more than the input limit/);
  });

  it('train reads a .csv.gz; predict refuses a zip of two files with one line', async () => {
    const gz = join(dir, 'train.csv.gz');
    writeFileSync(gz, gzipSync(CSV));
    const train = await runInProcess(['train', gz, '--epochs', '1', '--no-out', '--json']);
    assert.equal(train.code, 0, train.stderr);
    assert.equal((JSON.parse(train.stdout) as { dataset: string }).dataset, 'train.csv.gz');
    const model = join(dir, 'm.json');
    assert.equal((await runInProcess(['train', 'iris', '--epochs', '1', '--no-out', '--quiet', '--save', model])).code, 0);
    const zipped = join(dir, 'rows.zip');
    writeFileSync(zipped, zipOf({ 'rows.csv': 'a,b\n1,2\n', 'more.csv': 'a,b\n3,4\n' }));
    const predict = await runInProcess(['predict', model, zipped]);
    assert.equal(predict.code, 1, predict.stderr);
    assert.match(predict.stderr, /rows\.zip: is a zip archive of 2 files \(rows\.csv, more\.csv\)/);
  });

  it('JSON (records, JSON lines, pretty-printed) is named as JSON with the pandas line that converts it; a header like "[x]" is still CSV', async () => {
    const records = [{ a: 1, y: 0 }, { a: 2, y: 1 }];
    const cases: [string, string, RegExp][] = [
      ['records.json', JSON.stringify(records), /^.*records\.json: is JSON, not CSV: .*pandas\.read_json\(".*records\.json"\)\.to_csv/],
      ['rows.jsonl', records.map((r) => JSON.stringify(r)).join('\n'), /rows\.jsonl: is JSON lines \(one object per line\), not CSV: .*lines=True/],
      ['pretty.json', JSON.stringify(records, null, 2), /pretty\.json: is JSON, not CSV/],
    ];
    for (const [name, text, words] of cases) {
      const path = join(dir, name);
      writeFileSync(path, text);
      await refusedAs(readCsvFile(path), words);
    }
    const bracketed = join(dir, 'bracketed.csv');
    writeFileSync(bracketed, '[x],y\n1,0\n2,1\n3,0\n');
    assert.deepEqual((await readCsvFile(bracketed)).featureNames, ['[x]']);
  });

  it('a CSV whose text starts like "BZh" or "PK" is still read', async () => {
    const path = join(dir, 'bzh.csv');
    writeFileSync(path, 'BZh,PK,y\n1,2,0\n3,4,1\n5,6,0\n');
    const data = await readCsvFile(path);
    assert.deepEqual(data.featureNames, ['BZh', 'PK']);
  });
});

describe('delimiter detection counts only delimiters outside quoted cells', () => {
  it('quoted cells with commas, semicolons and line breaks give no note and the right delimiter', () => {
    const comma = 'id,note,y\n1,"a, b; c\nsecond line, with, commas",0\n2,"x;y",1\n3,plain,0\n';
    assert.deepEqual(detectDelimiter(comma, { complete: true }), { delimiter: ',' });
    const semicolon = 'id;note;y\n1;"a; b\nc;d";0\n2;"x,y,z";1\n';
    assert.deepEqual(detectDelimiter(semicolon, { complete: true }), { delimiter: ';' });
    // A CRLF file, and a cut-off sample ending inside quotes: the open record is not counted.
    assert.deepEqual(detectDelimiter('a|b\r\n"1|\r\n2"|3\r\n4|"5', { complete: false }), { delimiter: '|' });
  });

  it('parseCsv reads such a file with no note', () => {
    const notes: string[] = [];
    const data = parseCsv('id,note,y\n1,"a, b; c\nsecond, line",0\n2,"x;y",1\n3,"p,q",0\n4,r,1\n', { file: 'q.csv', onNote: (n) => notes.push(n), ignore: ['note'] });
    assert.deepEqual(notes, []);
    assert.deepEqual(data.featureNames, ['id']);
    assert.equal(data.labels?.length, 4);
  });
});

describe('the loaders throw DataFormatError or UsageError, never a bare Error', () => {
  const kind = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      return `${(error as Error).constructor.name}: ${(error as Error).message}`;
    }
    return 'no error';
  };
  const xor = (): Dataset => datasetFromRows([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], { name: 'xor4' }).dataset;

  it('bad arguments are UsageErrors (exit 2)', () => {
    assert.match(kind(() => splitDataset(xor(), { testFraction: 7 })), /^UsageError: splitDataset: testFraction must be in \(0, 1\), got 7$/);
    assert.match(kind(() => subset(xor(), [9])), /^UsageError: subset: index 9 is outside 0\.\.3$/);
    assert.match(kind(() => new Random(Number.NaN)), /^UsageError: Random: seed must be a finite number, got NaN$/);
    assert.match(kind(() => minMax(1, 1)), /^UsageError: minMax: high must exceed low/);
    assert.match(kind(() => invertPipeline([{ kind: 'l2Rows' }], Matrix.zeros(1, 1))), /^UsageError: .*cannot be inverted/);
    assert.match(kind(() => parseCsv(CSV, { delimiter: ';;' })), /^UsageError: CSV delimiter must be one character/);
    assert.match(kind(() => fitPreprocessing(xor(), { targets: [standardize()] })), /^UsageError: fitPreprocessing: target transforms need explicit targets/);
  });

  it('bad content is a DataFormatError naming the data', () => {
    assert.match(kind(() => splitDataset(xor(), { testFraction: 0.1 })), /^DataFormatError: xor4: splitDataset: 4 samples with testFraction 0\.1 leaves an empty part/);
    assert.match(kind(() => datasetFromRows([[1, 2], [3]], [0, 1], { name: 'X' })), /^DataFormatError: X: row 2 has 1 cells, row 1 has 2$/);
    assert.match(kind(() => datasetFromRows([], undefined, { name: 'X' })), /^DataFormatError: X: no rows$/);
    assert.match(kind(() => oneHot([0, 5], 2)), /^DataFormatError: .*label 5 at row 1 is outside 0\.\.1$/);
    assert.match(kind(() => alignColumns(xor(), ['x1', 'nope'])), /^DataFormatError: xor4: has no column "nope"/);
    assert.match(kind(() => applyPipeline([{ kind: 'standardize', mean: [0, 0, 0], std: [1, 1, 1] }], Matrix.zeros(2, 2))), /^DataFormatError: standardize: fitted on 3 columns, given 2$/);
    assert.match(kind(() => targetMatrix({ ...xor(), labels: undefined, targets: undefined })), /^DataFormatError: xor4: has neither targets nor labels$/);
  });

  it('loadDataset: a missing path is a DataFormatError, an unknown name a UsageError', async () => {
    await assert.rejects(loadDataset('/nonexistent/x.csv'), (e: unknown) => e instanceof DataFormatError && /^\/nonexistent\/x\.csv: no such file or directory \(the folder \/nonexistent does not exist\)$/.test((e as Error).message));
    await assert.rejects(loadDataset('irsi'), (e: unknown) => e instanceof UsageError && /unknown data set "irsi"\. Did you mean "iris"\?/.test((e as Error).message));
    await assert.rejects(loadDataset(tempDir()), (e: unknown) => e instanceof DataFormatError && /a directory needs the four MNIST-style IDX files/.test((e as Error).message));
  });
});

describe('preprocessing read from a model file: ModelFormatError naming the field path', () => {
  const dir = tempDir();
  const csv = join(dir, 'cat.csv');
  writeFileSync(csv, ['size,color,w,price', ...Array.from({ length: 40 }, (_, i) => `${i % 7},${['red', 'blue', 'green'][i % 3]},${(i * 3) % 5},${i * 2.5 + 1}`)].join('\n') + '\n');
  const rows = join(dir, 'rows.csv');
  writeFileSync(rows, 'size,color,w\n1,red,0.5\n');
  const model = join(dir, 'cat.json');
  type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const variant = (name: string, change: (prep: Json) => void): string => {
    const json = JSON.parse(readFileSync(model, 'utf8')) as Json;
    change(json['metadata'].preprocessing);
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(json));
    return path;
  };
  const predictRefuses = async (path: string, words: RegExp): Promise<void> => {
    const run = await runInProcess(['predict', path, rows]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.ok(run.stderr.includes(path), run.stderr);
    assert.match(run.stderr, words);
  };

  it('a model with an encoding: a short standardize, a bad std, a bad target chain, a bad encoding field', async () => {
    const trained = await runInProcess(['train', csv, '--inputs', 'standardize', '--targets', 'standardize', '--epochs', '1', '--no-out', '--quiet', '--save', model]);
    assert.equal(trained.code, 0, trained.stderr);
    assert.equal((await runInProcess(['predict', model, rows])).code, 0);
    // Before: "standardize: fitted on 4 columns, given 5", a bare RangeError at prediction time.
    await predictRefuses(variant('short.json', (p) => (p.inputs[0].mean.pop(), p.inputs[0].std.pop())), /metadata\.preprocessing\.inputs\[0\]\.mean has 4 columns but the encoding gives 5/);
    await predictRefuses(variant('neg.json', (p) => (p.inputs[0].std[1] = -1)), /metadata\.preprocessing\.inputs\[0\]\.std\[1\] must be positive, got -1/);
    await predictRefuses(variant('nan.json', (p) => (p.inputs[0].mean[2] = 'x')), /metadata\.preprocessing\.inputs\[0\]\.mean\[2\] must be a finite number, got "x"/);
    await predictRefuses(variant('targets.json', (p) => ((p.targets[0].mean = [1, 2]), (p.targets[0].std = [1, 2]))), /metadata\.preprocessing\.targets\[0\]\.mean has 2 columns but the output layer has 1/);
    await predictRefuses(variant('missing.json', (p) => (p.encoding.missing = 'sometimes')), /metadata\.preprocessing\.encoding\.missing "sometimes" is not one of error, drop/);
    await predictRefuses(variant('kind.json', (p) => (p.inputs[0].kind = 'rotate')), /metadata\.preprocessing\.inputs\[0\]\.kind must be one of standardize, minMax, l2Rows, affine, got "rotate"/);
    // An encoding (and chain) of another width than the first layer.
    await predictRefuses(
      variant('wide.json', (p) => {
        p.encoding.columns[1].categories.push('pink');
        p.encoding.width = 6;
        p.inputs[0].mean.push(0);
        p.inputs[0].std.push(1);
      }),
      /metadata\.preprocessing\.encoding\.width is 6 but layers\[0\] takes 5 inputs/,
    );
  });

  it('an estimator model file with stored settings that fail their checks names the field and the file', async () => {
    const json = JSON.parse(readFileSync(model, 'utf8')) as Json;
    json['metadata'].estimator = { kind: 'regressor', options: { seed: 1.5 } };
    const path = join(dir, 'estimator.json');
    writeFileSync(path, JSON.stringify(json));
    await assert.rejects(loadEstimator(path), (error: unknown) => {
      assert.ok(error instanceof ModelFormatError, String(error));
      assert.equal(error.file, path);
      assert.match(error.message, /metadata\.estimator\.options\.seed must be a whole number, got 1\.5/);
      return true;
    });
    const prep = variant('estimator-prep.json', (p) => (p.inputs[0].std[0] = 0));
    await assert.rejects(loadEstimator(prep), (error: unknown) => error instanceof ModelFormatError && error.file === prep && /metadata\.preprocessing\.inputs\[0\]\.std\[0\] must be positive/.test(error.message));
  });

  it('the library reader says the same, with the path it was given', () => {
    const prep = JSON.parse(readFileSync(model, 'utf8')).metadata.preprocessing;
    prep.inputs[0].mean.pop();
    prep.inputs[0].std.pop();
    assert.throws(() => preprocessingFromJSON(prep, 'metadata.preprocessing'), (error: unknown) => {
      assert.ok(error instanceof ModelFormatError, String(error));
      assert.equal(error.field, 'metadata.preprocessing.inputs[0].mean');
      return true;
    });
    assert.throws(() => preprocessingFromJSON({ ...prep, inputs: [], featureNames: 7 }), /preprocessing\.featureNames must be an array of strings, got 7/);
    const { encoding: _encoding, ...plain } = JSON.parse(readFileSync(model, 'utf8')).metadata.preprocessing;
    const chain = [{ kind: 'standardize', mean: [0, 0], std: [1, 1] }, { kind: 'minMax', low: 0, high: 1, min: [0], max: [1] }];
    assert.throws(() => preprocessingFromJSON({ ...plain, inputs: chain }), /preprocessing\.inputs\[1\]\.min has 1 columns but inputs\[0\] has 2/);
  });
});

describe('a directory or a missing path given as a file, and the reverse', () => {
  const dir = tempDir();

  it('a census .gz path that is a directory, missing, or not gzip: one DataFormatError line each', async () => {
    const folder = join(dir, 'census.gz');
    mkdirSync(folder);
    const notGzip = join(dir, 'plain.gz');
    writeFileSync(notGzip, 'not gzip at all');
    // Before: "EISDIR: illegal operation on a directory, read", raw ENOENT, "incorrect header check".
    await refusedAs(californiaHousing({ path: folder }), new RegExp(`^${folder}: is a directory, not a file$`));
    await refusedAs(californiaHousing({ path: join(dir, 'nope.gz') }), /nope\.gz: no such file$/);
    await refusedAs(californiaHousing({ path: notGzip }), /plain\.gz: is not valid gzip data \(incorrect header check\)$/);
  });

  it('an image directory that is missing or a file is said so', async () => {
    const file = join(dir, 'file.csv');
    writeFileSync(file, CSV);
    await refusedAs(mnist({ dir: join(dir, 'none') }), /^mnist: .*none: no such directory$/);
    await refusedAs(mnist({ dir: file }), /^mnist: .*file\.csv is not a directory/);
  });

  it('a directory given to predict as its input or its model', async () => {
    const model = join(dir, 'm.json');
    assert.equal((await runInProcess(['train', 'iris', '--epochs', '1', '--no-out', '--quiet', '--save', model])).code, 0);
    const input = await runInProcess(['predict', model, dir]);
    assert.equal(input.code, 1);
    assert.equal(input.stderr.trim(), `backprop: ${dir}: is a directory, not a file`);
    const asModel = await runInProcess(['predict', dir, join(dir, 'file.csv')]);
    assert.equal(asModel.code, 1);
    assert.equal(asModel.stderr.trim(), `backprop: cannot read model file ${dir}: is a directory, not a file`);
  });
});
