/**
 * The package as a stranger gets it: `npm pack` from a copy of the working tree (its `prepare`
 * script builds the kernels, dist/ and the playground), then `npm install --offline` of that tarball
 * into an empty project. Its runtime dependencies (the non-dev entries of package-lock.json) are
 * packed from this checkout's node_modules and installed beside it, so nothing needs the network or
 * an npm cache. There,
 * `npx backprop train iris` trains, node_modules stays within 20 MB, `require('backprop')` works,
 * and `npx backprop playground` serves a page that trains in headless Chromium with no console errors.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { launchChromium } from './helpers/chromium.js';

/** The most node_modules may hold after installing the tarball (the bound). */
const MAX_INSTALLED_BYTES = 20 * 1024 * 1024;

const root = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'backprop-package-'));
const project = join(work, 'project');
let tarball = '';

/** Runs a command to completion; fails with its output when it exits non-zero. */
function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' }, maxBuffer: 64 << 20 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Bytes of every regular file below `dir` (symbolic links not followed). */
function treeBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    const stat = lstatSync(path);
    return sum + (stat.isDirectory() ? treeBytes(path) : stat.isFile() ? stat.size : 0);
  }, 0);
}

/** A copy of the files git tracks (or would track), with the checkout's node_modules linked in, so packing touches nothing here. */
function copyOfWorkingTree(): string {
  const copy = join(work, 'source');
  const listed = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], root).split('\0').filter((f) => f !== '' && existsSync(join(root, f)));
  for (const file of listed) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

type Packed = { name: string; filename: string; size: number; unpackedSize: number }[];

/** `npm pack --json` in `cwd`; the prepare script's output comes first, npm's JSON starts at the line holding only "[". */
function pack(args: string[], cwd: string): Packed {
  const out = run('npm', ['pack', '--json', '--pack-destination', work, ...args], cwd);
  return JSON.parse(out.slice(out.search(/^\[$/m))) as Packed;
}

/** The runtime dependencies as package-lock.json resolves them (all flat: node_modules/<name>). */
function runtimeDependencies(): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev !== true && entry.devOptional !== true)
    .map(([path]) => path);
}

before(() => {
  const info = pack([], copyOfWorkingTree())[0]!;
  tarball = join(work, info.filename);
  console.log(`packed ${info.filename}: ${(info.size / 1e6).toFixed(2)} MB, unpacked ${(info.unpackedSize / 1e6).toFixed(2)} MB`);
  const dependencies = pack(['--ignore-scripts', ...runtimeDependencies().map((path) => join(root, path))], root);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball, ...dependencies.map((d) => join(work, d.filename))], project);
});
after(() => rmSync(work, { recursive: true, force: true }));

test(`the installed package adds at most ${MAX_INSTALLED_BYTES / 1024 / 1024} MB to node_modules, playground and data included`, () => {
  const bytes = treeBytes(join(project, 'node_modules'));
  console.log(`node_modules after installing the tarball: ${(bytes / 1e6).toFixed(2)} MB`);
  assert.ok(bytes <= MAX_INSTALLED_BYTES, `${bytes} bytes`);
  const installed = join(project, 'node_modules', 'backprop');
  for (const shipped of ['dist-playground/index.html', 'data/mnist/digits-images-idx3-ubyte.gz', 'data/california-housing/cal_housing.csv.gz', 'data/fonts/DejaVuSans.ttf', 'LICENSE']) {
    assert.ok(existsSync(join(installed, shipped)), `${shipped} is in the package`);
  }
  assert.equal(existsSync(join(installed, 'src')), false, 'sources travel inside the source maps, not as src/');
  const map = JSON.parse(readFileSync(join(installed, 'dist', 'index.js.map'), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
  assert.equal(map.sourcesContent?.length, map.sources.length, 'every source of the map is inlined');
  assert.ok(map.sourcesContent.every((text) => typeof text === 'string' && text.length > 0));
});

test('npx backprop train iris trains from the installed package and writes its run folder', () => {
  const out = run('npx', ['--offline', 'backprop', 'train', 'iris', '--epochs', '50', '--seed', '1'], project);
  assert.match(out, /iris: classification/);
  assert.match(out, /accuracy\s+\d\.\d+/);
  assert.ok(readdirSync(join(project, 'runs')).some((name) => name.endsWith('iris')), 'a run folder');
});

test("require('backprop') from CommonJS and import from ESM give the same library", () => {
  writeFileSync(join(project, 'probe.cjs'), "const b = require('backprop'); console.log(typeof b.Mlp, typeof b.fit);\n");
  assert.equal(run(process.execPath, ['probe.cjs'], project).trim(), 'function function');
  writeFileSync(join(project, 'probe.mjs'), "import { Mlp } from 'backprop'; import { loadDataset } from 'backprop/node'; console.log(typeof Mlp, typeof loadDataset);\n");
  assert.equal(run(process.execPath, ['probe.mjs'], project).trim(), 'function function');
});

test('the mnist and housing built-ins load from the installed package with no path', () => {
  writeFileSync(
    join(project, 'data.mjs'),
    "import { loadDataset } from 'backprop/node';\nimport { sampleCount as count } from 'backprop';\n" +
      "const m = await loadDataset('mnist'); const h = await loadDataset('california-housing');\n" +
      'console.log(count(m.train) + count(m.test), count(h.train) + (h.test === undefined ? 0 : count(h.test)));\n',
  );
  assert.equal(run(process.execPath, ['data.mjs'], project).trim(), '10000 20640');
});

test('npx backprop playground serves a page that trains with no console errors', async () => {
  const server: ChildProcess = spawn('npx', ['--offline', 'backprop', 'playground', '--port', '0'], { cwd: project, env: { ...process.env, NO_COLOR: '1' }, detached: true });
  try {
    const url = await new Promise<string>((done, fail) => {
      let text = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /playground on (http:\/\/\S+)/.exec(text);
        if (match !== null) done(match[1]!);
      });
      server.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
      server.once('exit', (code) => fail(new Error(`backprop playground exited with ${code}: ${text}`)));
    });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(url);
      await page.waitForFunction(() => document.querySelector('#test-loss')?.textContent !== '–', undefined, { timeout: 60_000 });
      await page.click('#panel-play .play');
      await page.waitForFunction(() => Number.parseFloat(document.querySelector('#epoch')?.textContent?.replace(/,/g, '') ?? '0') >= 5, undefined, { timeout: 120_000 });
      const loss = Number.parseFloat((await page.textContent('#test-loss')) ?? '');
      assert.ok(Number.isFinite(loss), `test loss shown: ${loss}`);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  } finally {
    if (server.pid !== undefined) process.kill(-server.pid, 'SIGTERM');
  }
});
