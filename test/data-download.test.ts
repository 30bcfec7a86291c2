import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { encodeIdx } from '../src/data/index.js';
import { FolderCreationError, makeFolderSync } from '../src/data/make-folder.js';
import { UsageError } from '../src/errors/usage-error.js';
import { downloadDataset, downloadFile, DownloadError, EMBEDDED_HOUSING, hashFile } from '../src/data/node.js';

/** What the test server serves: the census CSV the package ships (gunzipped) and a small generated IDX file. */
const ROOT = mkdtempSync(join(tmpdir(), 'backprop-dl-root-'));
mkdirSync(join(ROOT, 'california-housing'));
writeFileSync(join(ROOT, 'california-housing', 'cal_housing.csv'), gunzipSync(readFileSync(EMBEDDED_HOUSING)));
mkdirSync(join(ROOT, 'fashion-mnist'));
writeFileSync(join(ROOT, 'fashion-mnist', 'train-images-idx3-ubyte.gz'), gzipSync(encodeIdx([2, 28, 28], new Uint8Array(2 * 784).fill(7))));
const requests: { path: string; range: string | undefined }[] = [];
let baseUrl = '';
/** When set, the server sends only this many bytes of the next full response, then drops the connection. */
let cutNextAfter: number | undefined;

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  const file = join(ROOT, path);
  requests.push({ path, range: req.headers.range });
  if (path === '/moved') {
    res.writeHead(302, { location: '/california-housing/cal_housing.csv' }).end();
    return;
  }
  if (path.includes('..') || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  const size = statSync(file).size;
  const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const start = match === null ? 0 : Number(match[1]);
  if (start >= size) {
    res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
    return;
  }
  const headers = { 'content-length': String(size - start), ...(match === null ? {} : { 'content-range': `bytes ${start}-${size - 1}/${size}` }) };
  res.writeHead(match === null ? 200 : 206, headers);
  if (cutNextAfter !== undefined && match === null) {
    const limit = cutNextAfter;
    cutNextAfter = undefined;
    createReadStream(file, { start: 0, end: limit - 1 }).on('end', () => setTimeout(() => res.destroy(), 20)).pipe(res, { end: false });
    return;
  }
  createReadStream(file, { start }).pipe(res);
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  rmSync(ROOT, { recursive: true, force: true });
});

const CSV = join(ROOT, 'california-housing', 'cal_housing.csv');
const CSV_SHA256 = '534365b6c3c9b07c2b7d88e0ff9f1b41725d8b799748f5c0b80e1067f51c8ab3';

test('download: fetches, verifies SHA-256, then reuses the cached copy without a request', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-dl-'));
  const dest = join(dir, 'cal_housing.csv');
  const file = { url: `${baseUrl}/moved`, fileName: 'cal_housing.csv', sha256: CSV_SHA256 };
  requests.length = 0;
  assert.equal(await downloadFile(file, dest), dest);
  assert.deepEqual(readFileSync(dest), readFileSync(CSV));
  assert.deepEqual(requests.map((r) => r.path), ['/moved', '/california-housing/cal_housing.csv'], 'followed the redirect');
  await downloadFile(file, dest);
  assert.equal(requests.length, 2, 'the verified cached copy is not fetched again');
});

test('download: a dropped connection leaves a .part file, and the next call resumes it with a Range request', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-dl-'));
  const dest = join(dir, 'cal.csv');
  const file = { url: `${baseUrl}/california-housing/cal_housing.csv`, fileName: 'cal.csv', sha256: CSV_SHA256 };
  cutNextAfter = 500_000;
  await assert.rejects(downloadFile(file, dest), (e: unknown) => e instanceof DownloadError && /run again to resume|partial data/.test(e.message));
  const kept = statSync(`${dest}.part`).size;
  assert.ok(kept > 0 && kept < statSync(CSV).size, `partial file of ${kept} bytes`);
  requests.length = 0;
  await downloadFile(file, dest);
  assert.equal(requests[0]!.range, `bytes=${kept}-`);
  assert.equal(await hashFile(dest, 'sha256', false), CSV_SHA256);
  assert.equal(existsSync(`${dest}.part`), false);
});

test('download: a checksum mismatch deletes the bad copy and says so; HTTP errors and offline hosts fail in one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-dl-'));
  const dest = join(dir, 'x.csv');
  await assert.rejects(downloadFile({ url: `${baseUrl}/california-housing/cal_housing.csv`, fileName: 'x.csv', sha256: '0'.repeat(64) }, dest), /SHA-256 534365b6.* is not the expected 0000/);
  assert.equal(existsSync(`${dest}.part`) || existsSync(dest), false);
  await assert.rejects(downloadFile({ url: `${baseUrl}/nothing.gz`, fileName: 'n' }, join(dir, 'n')), /HTTP 404/);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await assert.rejects(downloadFile({ url: `http://127.0.0.1:${port}/a`, fileName: 'a' }, join(dir, 'a')), (e: unknown) => e instanceof DownloadError && /ECONNREFUSED \(offline, or the host is unreachable\)/.test(e.message) && !e.message.includes('\n'));
});

test('downloadDataset: composes each file URL from baseUrl and rejects a file whose content SHA-256 is not the published one', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'backprop-cache-'));
  requests.length = 0;
  await assert.rejects(downloadDataset('fashion-mnist', { cacheDir, baseUrl: `${baseUrl}/fashion-mnist` }), (e: unknown) => e instanceof DownloadError && /SHA-256/.test(e.message) && !e.message.includes('\n'));
  assert.deepEqual(requests.map((r) => r.path), ['/fashion-mnist/train-images-idx3-ubyte.gz'], 'stops at the first bad file');
  assert.equal(existsSync(join(cacheDir, 'fashion-mnist', 'train-images-idx3-ubyte.gz')), false, 'the bad copy is not kept');
});

test('makeFolderSync: parents made top-down; a file in the way, a dangling link and /proc end in one reason instead of spinning', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-folder-'));
  makeFolderSync(join(dir, 'a', 'b', 'c'));
  assert.ok(statSync(join(dir, 'a', 'b', 'c')).isDirectory());
  makeFolderSync(join(dir, 'a', 'b', 'c')); // already there: nothing to do
  writeFileSync(join(dir, 'file'), '');
  assert.throws(() => makeFolderSync(join(dir, 'file', 'x')), (e: unknown) => e instanceof FolderCreationError && e.reason === `${join(dir, 'file')} is a file, not a folder`);
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
  assert.throws(() => makeFolderSync(join(dir, 'dangling', 'x')), (e: unknown) => e instanceof FolderCreationError && /dangling exists but is not a folder/.test(e.message));
  // Node's own recursive mkdir never returns here (procfs answers ENOENT, Node retries the parent forever).
  if (existsSync('/proc/self')) assert.throws(() => makeFolderSync('/proc/backprop-x/y'), (e: unknown) => e instanceof FolderCreationError && e.failed === '/proc/backprop-x' && /\/proc does not allow new folders/.test(e.message));
});

test('downloadDataset: a baseUrl that is not an http(s) address is a UsageError naming the option', async () => {
  await assert.rejects(downloadDataset('mnist', { cacheDir: mkdtempSync(join(tmpdir(), 'backprop-cache-')), baseUrl: 'notaurl' }), (e: unknown) => e instanceof UsageError && /^baseUrl "notaurl" is not an http:\/\/ or https:\/\/ address/.test(e.message));
});
