/**
 * Messy CSV files as they come from spreadsheets, pandas and old tools, read as pandas reads them:
 * '#' is data unless a comment marker is set; the header is guessed from the first records; the
 * decimal mark of a ';' table from its cells; bytes that are not UTF-8 refused unless an encoding
 * says otherwise; a lone '\r' ends a record.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Matrix } from '../src/matrix.js';
import { createCsvParser, parseCsv } from '../src/data/index.js';
import type { CsvOptions } from '../src/data/index.js';
import { readCsvFile } from '../src/data/node.js';
import { parseCsvFlags } from '../src/cli/commands/csv-flags.js';
import { firstInvalid } from '../src/data/text-encoding.js';
import { streamBoundedText } from '../src/data/bounded-read.js';
import { runInProcess } from './helpers/cli-in-process.js';
import { tempDir } from './cli-run.js';

const rows = (text: string, options: CsvOptions = {}) => (parseCsv(text, { target: null, ...options }).inputs as Matrix).rows;

/** Parses `text` fed as UTF-8 bytes cut at `cut`, through the byte path readCsvFile uses. */
function viaBytes(bytes: Uint8Array, cut: number, options: CsvOptions = {}) {
  const parser = createCsvParser(options);
  parser.pushBytes(bytes.subarray(0, cut));
  parser.pushBytes(bytes.subarray(cut));
  return parser.end();
}

describe('comments: none by default (as pandas), every marked line skipped when set', () => {
  it("a '#' cell is data, a '#' header name is a name", () => {
    const tags = parseCsv('tag,x,y\n#ai,1,a\n#ml,2,b\n#ai,3,a\n#ml,4,b\n');
    assert.equal(tags.labels!.length, 4);
    assert.deepEqual(tags.featureNames, ['tag', 'x']);
    assert.deepEqual(tags.columns?.map((c) => c.kind), ['categorical', 'numeric']);
    const pokemon = parseCsv('#,Name,HP,y\n1,a,10,1.5\n2,b,20,2.5\n', { ignore: ['Name'] });
    assert.deepEqual(pokemon.featureNames, ['#', 'HP']);
    assert.equal(pokemon.targets!.rows, 2);
  });

  it('with a marker, consecutive comment lines and comment lines mid-file are all skipped, in text and byte chunks', () => {
    const text = '# one\n# two\na,b,y\n1,2,3\n#c1\n#c2\n#c3\n4,5,6\n# end\n';
    const ds = parseCsv(text, { comment: '#', task: 'regression' });
    assert.deepEqual(ds.featureNames, ['a', 'b']);
    assert.deepEqual(Array.from(ds.targets!.data), [3, 6]);
    const bytes = new TextEncoder().encode(text.replaceAll('\n', '\r\n'));
    for (let cut = 0; cut <= bytes.length; cut++) {
      assert.deepEqual(Array.from(viaBytes(bytes, cut, { comment: '#', task: 'regression' }).targets!.data), [3, 6], `cut at ${cut}`);
    }
  });

  it('a comment marker that is also the delimiter is refused', () => {
    assert.throws(() => parseCsv('a,b\n1,2\n', { comment: ',', delimiter: ',' }), /the delimiter and the comment marker are both ","/);
  });

  it("a file that fails on a '#' line says to pass --comment '#'", () => {
    assert.throws(() => parseCsv('# exported by tool\n# second\na,b,y\n1,2,x\n3,4,z\n'), /<string>:3: expected 1 fields as in the first row, found 3; if lines starting with "#" are comments, pass --comment '#'/);
    assert.throws(() => parseCsv('a,b,y\n1,2,x\n#c1\n3,4,z\n'), /<string>:3:2: expected 3 fields as in the first row, found 1; if lines starting with "#" are comments/);
  });
});

describe('header: guessed from the first 20 records as csv.Sniffer does, or given', () => {
  const iris = '5.1,3.5,1.4,0.2,Iris-setosa\n4.9,3.0,1.4,0.2,Iris-setosa\n7.0,3.2,4.7,1.4,Iris-versicolor\n6.3,3.3,6.0,2.5,Iris-virginica\n';

  it('a first row of numbers in numeric columns and text in text columns is data (UCI iris.data), with a note', () => {
    const notes: string[] = [];
    const ds = parseCsv(iris, { file: 'iris.data', onNote: (n) => notes.push(n) });
    assert.equal(ds.labels!.length, 4);
    assert.deepEqual(ds.targetNames, ['column5']);
    assert.deepEqual(notes, ['iris.data: no header row: columns named column1 … column5 (--header to read the first row as names)']);
    assert.equal(parseCsv(iris, { header: true }).labels!.length, 3);
  });

  it("pandas' to_csv header of an unnamed frame (0..n-1, or 1..n, or after an index column) is a header, with a note", () => {
    const notes: string[] = [];
    const ds = parseCsv('0,1,2\n0.5,1.5,1\n2.5,3.5,0\n', { onNote: (n) => notes.push(n) });
    assert.deepEqual(ds.featureNames, ['0', '1']);
    assert.deepEqual(ds.classNames, ['0', '1']);
    assert.match(notes[0]!, /the first row \(0,1,2\) is read as the column names, as pandas' to_csv writes them for an unnamed frame \(--no-header reads it as data\)/);
    assert.deepEqual(parseCsv('1,2,3\n0.5,1.5,1.25\n2.5,3.5,0.75\n').featureNames, ['1', '2']);
    assert.deepEqual(parseCsv(',0,1\n0,0.5,1.5\n1,2.5,3.5\n', { target: null }).featureNames, ['column1', '0', '1']);
    assert.equal(parseCsv('0,1,2\n0.5,1.5,1\n2.5,3.5,0\n', { header: false, task: 'regression' }).targets!.rows, 3);
  });

  it('text over numbers is a header; numbers only are data; text only is a header (as pandas)', () => {
    assert.deepEqual(parseCsv('x,y,label\n1,2,a\n3,4,b\n').featureNames, ['x', 'y']);
    assert.equal(parseCsv('1.5,2,3\n4,5,6\n', { task: 'regression' }).targets!.rows, 2);
    assert.deepEqual(parseCsv('city,label\nParis,a\nRome,b\n').featureNames, ['city']);
    assert.equal(parseCsv('city,label\nParis,a\nRome,b\n').labels!.length, 2);
    // A header decided past the first record: a text cell in row 1 of a column that turns numeric later.
    const late = `name,v,y\n${Array.from({ length: 30 }, (_, i) => `n${i},${i},${i % 2 === 0 ? 'a' : 'b'}`).join('\n')}\n`;
    assert.equal(parseCsv(late, { ignore: ['name'] }).labels!.length, 30);
  });

  it('the header guess gives the same data set however the bytes are cut, before and after the 20th record', () => {
    const text = `${iris}${iris.repeat(8)}`;
    const whole = parseCsv(text);
    const bytes = new TextEncoder().encode(text);
    for (let cut = 0; cut <= bytes.length; cut += 7) {
      const ds = viaBytes(bytes, cut);
      assert.deepEqual(Array.from((ds.inputs as Matrix).data), Array.from((whole.inputs as Matrix).data), `cut at ${cut}`);
    }
    assert.equal(whole.labels!.length, 36);
  });
});

describe("decimal mark of a ';' table: from its cells, --decimal overrides", () => {
  it("cells like 1.5 and none like 1,5 read with '.' (pandas to_csv(sep=';'))", () => {
    const ds = parseCsv('rating;weight;y\n4.5;71.3;452.07\n3.5;81.7;458.24\n', { task: 'regression' });
    assert.deepEqual(ds.featureNames, ['rating', 'weight']);
    assert.deepEqual(Array.from(ds.targets!.data), [452.07, 458.24].map(Math.fround));
  });
  it("cells like 1,5 read with ',' (a European spreadsheet), integers only too", () => {
    assert.deepEqual(Array.from(parseCsv('a;y\n1,5;2,25\n3;4\n', { task: 'regression' }).targets!.data), [2.25, 4]);
    assert.deepEqual(Array.from(parseCsv('a;y\n1;2\n3;4\n', { task: 'regression' }).targets!.data), [2, 4]);
  });
  it("decimal ',' given is kept even over cells like 1.5 (they are then text)", () => {
    assert.throws(() => parseCsv('a;y\n1.5;2\n3;4\n', { decimal: ',', task: 'regression', file: 'd.csv' }), /d\.csv:2:1/);
  });
});

describe('encoding: bytes that are not UTF-8 are refused with their offset; latin1 and windows-1252 on request', () => {
  const latin = Uint8Array.from([...new TextEncoder().encode('drink,x,y\ncaf'), 0xe9, ...new TextEncoder().encode(',1,a\ncaf'), 0xe8, ...new TextEncoder().encode(',2,b\ncaf'), 0xe9, ...new TextEncoder().encode(',3,a\n')]);

  it('readCsvFile: one line naming the file, the byte and its offset', async () => {
    const path = join(tempDir(), 'cp1252.csv');
    writeFileSync(path, latin);
    await assert.rejects(readCsvFile(path), (error: Error) => {
      assert.equal(error.message, `${path}: is not UTF-8 (byte 0xE9 at byte 13); save it as UTF-8, or pass --encoding latin1 or --encoding windows-1252`);
      return error.name === 'DataFormatError';
    });
    const ds = await readCsvFile(path, { encoding: 'latin1' });
    assert.deepEqual(ds.columns?.[0], { name: 'drink', kind: 'categorical', categories: ['café', 'cafè'] });
  });

  it("windows-1252's 0x80-0x9F are its characters (the euro sign, curly quotes), latin1's are the C1 code points", async () => {
    const dir = tempDir();
    const path = join(dir, 'ansi.csv');
    writeFileSync(path, Uint8Array.from([...new TextEncoder().encode('price,y\n'), 0x80, 0x78, ...new TextEncoder().encode(',1\n'), 0x93, 0x71, 0x94, ...new TextEncoder().encode(',2\n')]));
    const ansi = (await readCsvFile(path, { encoding: 'windows-1252', task: 'regression' })).columns?.[0];
    assert.deepEqual(ansi, { name: 'price', kind: 'categorical', categories: ['\u20acx', '\u201cq\u201d'] });
    const iso = (await readCsvFile(path, { encoding: 'latin1', task: 'regression' })).columns?.[0];
    assert.deepEqual(iso, { name: 'price', kind: 'categorical', categories: ['\u0080x', '\u0093q\u0094'] });
  });

  it('offsets count a byte order mark; latin1 and windows-1252 drop one; streamBoundedText (predict) is as strict', async () => {
    const dir = tempDir();
    const path = join(dir, 'bom.csv');
    writeFileSync(path, Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a,y\ncaf'), 0xe9, ...new TextEncoder().encode(',1\nb,2\n')]));
    await assert.rejects(readCsvFile(path), /bom\.csv: is not UTF-8 \(byte 0xE9 at byte 10\)/);
    for (const encoding of ['latin1', 'windows-1252'] as const) assert.deepEqual((await readCsvFile(path, { encoding, task: 'regression' })).columns?.[0], { name: 'a', kind: 'categorical', categories: ['café', 'b'] });
    const texts: string[] = [];
    await assert.rejects(streamBoundedText(path, (t) => texts.push(t)), /bom\.csv: is not UTF-8 \(byte 0xE9 at byte 10\)/);
    texts.length = 0;
    await streamBoundedText(path, (t) => texts.push(t), { encoding: 'windows-1252' });
    assert.equal(texts.join(''), 'a,y\ncafé,1\nb,2\n');
    const good = join(dir, 'good.csv');
    writeFileSync(good, '\ufeffa,y\ncafé,1\n');
    texts.length = 0;
    await streamBoundedText(good, (t) => texts.push(t));
    assert.equal(texts.join(''), 'a,y\ncafé,1\n');
  });

  it('the offset is right wherever the chunks are cut, and valid UTF-8 cut inside a character reads the same', () => {
    for (let cut = 0; cut <= latin.length; cut++) assert.throws(() => viaBytes(latin, cut), /is not UTF-8 \(byte 0xE9 at byte 13\)/, `cut at ${cut}`);
    const good = new TextEncoder().encode('word,y\ncafé,1\nthé €,2\ncafé,3\n𝄞,4\n');
    const whole = parseCsv(new TextDecoder().decode(good), { task: 'regression' });
    for (let cut = 0; cut <= good.length; cut++) assert.deepEqual(viaBytes(good, cut, { task: 'regression' }).featureNames, whole.featureNames, `cut at ${cut}`);
  });

  it('fallbackEncoding: bytes that are not UTF-8 after ASCII only switch to it, once, wherever the chunks are cut', () => {
    for (let cut = 0; cut <= latin.length; cut++) {
      const switches: string[] = [];
      const ds = viaBytes(latin, cut, { fallbackEncoding: { encoding: 'latin1', onSwitch: (where) => switches.push(where) } });
      assert.deepEqual(ds.columns?.[0], { name: 'drink', kind: 'categorical', categories: ['café', 'cafè'] }, `cut at ${cut}`);
      assert.deepEqual(switches, ['byte 0xE9 at byte 13'], `cut at ${cut}`);
    }
    // A latin1 character as the input's last byte (a lead byte of UTF-8, cut off) switches too.
    const last = Uint8Array.from([...new TextEncoder().encode('y,drink\n1,a\n2,caf'), 0xe9]);
    for (let cut = 0; cut <= last.length; cut++) {
      const ds = viaBytes(last, cut, { target: 'y', task: 'regression', fallbackEncoding: { encoding: 'windows-1252', onSwitch: () => {} } });
      assert.deepEqual(ds.columns?.[0], { name: 'drink', kind: 'categorical', categories: ['a', 'café'] }, `cut at ${cut}`);
    }
  });

  it('fallbackEncoding: after a UTF-8 character beyond ASCII, or a UTF-8 byte order mark, a bad byte is still refused', () => {
    const fallbackEncoding = { encoding: 'latin1', onSwitch: () => assert.fail('no switch after UTF-8') } as const;
    const mixed = Uint8Array.from([...new TextEncoder().encode('drink,x,y\nthé,1,a\ncaf'), 0xe9, ...new TextEncoder().encode(',2,b\n')]);
    for (let cut = 0; cut <= mixed.length; cut++) assert.throws(() => viaBytes(mixed, cut, { fallbackEncoding }), /is not UTF-8 \(byte 0xE9 at byte 22\)/, `cut at ${cut}`);
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('drink,x,y\ncaf'), 0xe9, ...new TextEncoder().encode(',1,a\n')]);
    for (let cut = 0; cut <= bom.length; cut++) assert.throws(() => viaBytes(bom, cut, { fallbackEncoding }), /is not UTF-8 \(byte 0xE9 at byte 16\)/, `cut at ${cut}`);
    // A UTF-8 file is read as UTF-8: no switch.
    const utf8 = new TextEncoder().encode('drink,x,y\ncafé,1,a\nthé,2,b\n');
    assert.deepEqual(viaBytes(utf8, 5, { fallbackEncoding }).columns?.[0], { name: 'drink', kind: 'categorical', categories: ['café', 'thé'] });
  });

  it("windows-1252 reads 0x80 as '€', latin1 as U+0080", () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('p,y\n'), 0x80, ...new TextEncoder().encode(',1\nx,2\n')]);
    const categories = (encoding: 'latin1' | 'windows-1252') => {
      const column = viaBytes(bytes, 5, { encoding, target: 'y', task: 'regression' }).columns?.[0];
      return column?.kind === 'categorical' ? column.categories : [];
    };
    assert.deepEqual(categories('windows-1252'), ['€', 'x']);
    assert.deepEqual(categories('latin1'), ['\u0080', 'x']);
  });

  it('firstInvalid finds overlong forms, surrogates, stray continuation bytes and truncated sequences', () => {
    assert.equal(firstInvalid(Uint8Array.from([0x61, 0xc0, 0x80])), 1);
    assert.equal(firstInvalid(Uint8Array.from([0x61, 0xed, 0xa0, 0x80])), 1);
    assert.equal(firstInvalid(Uint8Array.from([0x61, 0x80])), 1);
    assert.equal(firstInvalid(Uint8Array.from([0x61, 0xe2, 0x82])), 3);
    assert.equal(firstInvalid(new TextEncoder().encode('a€𝄞é')), 10);
  });
});

describe("line ends: '\\n', '\\r\\n' and a lone '\\r' (old Mac Excel) each end one record", () => {
  it('CR-only files read as pandas reads them, in text and byte chunks, with line numbers', () => {
    const text = 'a,b,y\r1,2,3\r4,5,6\r\r7,8,9\r';
    assert.deepEqual(Array.from(parseCsv(text, { task: 'regression' }).targets!.data), [3, 6, 9]);
    const bytes = new TextEncoder().encode(text);
    for (let cut = 0; cut <= bytes.length; cut++) assert.deepEqual(Array.from(viaBytes(bytes, cut, { task: 'regression' }).targets!.data), [3, 6, 9], `cut at ${cut}`);
    assert.throws(() => parseCsv('a,b\r1,2\r3,x\r', { task: 'regression', file: 'cr.csv' }), /cr\.csv:3:2/);
    assert.throws(() => parseCsv('a,b\r\n1,2\r\n\r\n3,x\r\n', { task: 'regression', file: 'crlf.csv' }), /crlf\.csv:4:2/);
  });
  it('a quoted field keeps its line breaks', () => {
    const ds = parseCsv('t,y\r"a\rb",1\r"c",2\r', { target: 'y', task: 'regression' });
    assert.deepEqual(ds.columns?.[0], { name: 't', kind: 'categorical', categories: ['a\rb', 'c'] });
  });
});

describe('CLI flags: --comment, --header / --no-header, --encoding', () => {
  it('parses them and refuses bad values', () => {
    assert.deepEqual(parseCsvFlags({ comment: '#', header: false, encoding: 'cp1252' }), { comment: '#', header: false, encoding: 'windows-1252' });
    assert.deepEqual(parseCsvFlags({ header: true, encoding: 'UTF8' }), { header: true, encoding: 'utf-8' });
    assert.throws(() => parseCsvFlags({ comment: '##' }), /--comment must be one character/);
    assert.throws(() => parseCsvFlags({ encoding: 'utf16' }), /unknown encoding "utf16"/);
  });

  it('train reads them (and refuses them for a built-in data set)', async () => {
    const dir = tempDir();
    const path = join(dir, 'c.csv');
    writeFileSync(path, `# made by a tool\n# on a day\nx,y\n${Array.from({ length: 12 }, (_, i) => `${i},${i % 2 === 0 ? 'a' : 'b'}`).join('\n')}\n`);
    const ok = await runInProcess(['train', path, '--comment', '#', '--epochs', '1', '--no-out', '--quiet']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /samples\s+12/);
    const noHeader = await runInProcess(['train', path, '--comment', '#', '--no-header', '--epochs', '1', '--no-out', '--quiet']);
    assert.notEqual(noHeader.code, 0);
    const builtIn = await runInProcess(['train', 'xor', '--no-header', '--no-out']);
    assert.equal(builtIn.code, 2);
    assert.match(builtIn.stderr, /--header applies to CSV files; xor is not one/);
  });
});
