/** `backprop download` and `backprop playground` given what a stranger gives: one line naming the flag, no hang, no crash. */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { servePlayground } from '../src/playground-server.js';
import { assertOneLineError, cli, tempDir } from './cli-run.js';

test('download --base-url that is no http(s) address names the flag (exit 2)', async () => {
  for (const url of ['notaurl', 'file:///tmp/', 'ftp://example.org/']) {
    assertOneLineError(await cli(['download', 'mnist', '--base-url', url]), 2, new RegExp(`--base-url "${url.replace(/[/.]/g, '\\$&')}" is not an http:// or https:// address; give the folder of a mirror`));
  }
});

test('download --cache-dir that cannot be a folder fails at once, naming flag and folder (Node’s recursive mkdir spins forever on /proc)', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'file'), '');
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
  assertOneLineError(await cli(['download', 'mnist', '--cache-dir', '/proc/backprop-x']), 2, /^backprop: --cache-dir \/proc\/backprop-x: cannot create folder \/proc\/backprop-x\/mnist: \/proc does not allow new folders in it/);
  assertOneLineError(await cli(['download', 'mnist', '--cache-dir', join(dir, 'file')]), 2, new RegExp(`--cache-dir .*file: cannot create folder .*: .*file is a file, not a folder$`));
  assertOneLineError(await cli(['download', 'mnist', '--cache-dir', join(dir, 'dangling', 'c')]), 2, /dangling exists but is not a folder \(a dangling link\?\)$/);
  assertOneLineError(await cli(['download', 'mnist', '--cache-dir', '']), 2, /--cache-dir is empty/);
  // The same walk makes run folders: train --out under /proc used to hang too.
  assertOneLineError(await cli(['train', 'xor', '--epochs', '1', '--quiet', '--out', '/proc/backprop-x/run']), 1, /cannot create run folder \/proc\/backprop-x\/run: \/proc does not allow new folders in it/);
});

test('playground on a port in use: one line naming the port and --port, exit 1', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html>');
  const blocker = createServer();
  await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
  const port = (blocker.address() as AddressInfo).port;
  try {
    assertOneLineError(await cli(['playground', '--dir', dir, '--port', String(port)]), 1, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use .*; choose another with --port, e\\.g\\. --port ${port + 1}, or --port 0 for any free one$`));
  } finally {
    blocker.close();
  }
  assertOneLineError(await cli(['playground', '--dir', join(dir, 'missing')]), 2, /--dir .*missing: no index\.html there/);
  assertOneLineError(await cli(['playground', '--dir', dir, '--host', '']), 2, /--host is empty/);
  assertOneLineError(await cli(['playground', '--dir', dir, '--port', '70000']), 2, /--port \(port\) must be a whole number from 0 to 65535, got "70000"/);
});

test('playground server: a malformed %-escape in a request path is a 400, and the server keeps serving', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html>');
  const served = await servePlayground({ port: 0, dir });
  const status = (path: string) => new Promise<number>((done, fail) => get(new URL(served.url), { path }, (res) => (res.resume(), done(res.statusCode ?? 0))).on('error', fail));
  try {
    assert.equal(await status('/%E0%A4%A'), 400);
    assert.equal(await status('/'), 200);
  } finally {
    await served.close();
  }
});
