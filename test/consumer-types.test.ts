/**
 * A consumer project: `npm pack` the package, install the tarball into a temporary project with
 * `strict` and `moduleResolution: nodenext`, and compile a file that uses the public API
 * (Classifier, Regressor, loadModel, Mlp, fit, train, explain) with no casts; then run it.
 * The package is packed from a copy of the tracked files; the tarball is unpacked as npm would,
 * and its dependencies are linked from this checkout's node_modules, so the test needs no network.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function link(project: string, name: string): void {
  const source = join(root, 'node_modules', name);
  if (!existsSync(source)) return;
  const target = join(project, 'node_modules', name);
  mkdirSync(dirname(target), { recursive: true });
  if (!existsSync(target)) symlinkSync(source, target, 'dir');
}

test('a strict nodenext project compiles and runs against the packed package, without casts', { timeout: 600_000 }, () => {
  const project = mkdtempSync(join(tmpdir(), 'backprop-consumer-'));
  // Packed from a copy of the files git knows (tracked or not ignored), so the build (prepare) never rewrites files that
  // tests running in parallel are reading.
  const checkout = mkdtempSync(join(tmpdir(), 'backprop-pack-'));
  for (const file of execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\0').filter((f) => f !== '')) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(checkout, file)), { recursive: true });
    copyFileSync(join(root, file), join(checkout, file));
  }
  symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  execFileSync(npm, ['pack', '--pack-destination', project], { cwd: checkout, stdio: ['ignore', 'ignore', 'pipe'] }); // runs prepare: the build
  const tarballs = readdirSync(project).filter((f) => f.endsWith('.tgz'));
  assert.equal(tarballs.length, 1, `npm pack left ${tarballs.join(', ')}`);
  const tarball = join(project, tarballs[0]!);
  mkdirSync(join(project, 'node_modules'));
  execFileSync('tar', ['-xzf', tarball, '-C', join(project, 'node_modules')]);
  renameSync(join(project, 'node_modules', 'package'), join(project, 'node_modules', 'backprop'));
  const manifest = JSON.parse(readFileSync(join(project, 'node_modules', 'backprop', 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of [...Object.keys(manifest.dependencies ?? {}), '@types/node']) link(project, name);

  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, types: ['node'], outDir: 'out', skipLibCheck: false }, files: ['consumer.ts'] }),
  );
  copyFileSync(join(root, 'test/fixtures/consumer/consumer.ts'), join(project, 'consumer.ts'));
  const source = readFileSync(join(project, 'consumer.ts'), 'utf8');
  assert.doesNotMatch(source, /\bas\s+(unknown|any|[A-Z]\w*)\b|<any>|@ts-/, 'the consumer file uses no casts or suppressions');

  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: project, encoding: 'utf8' });
  assert.equal(tsc.status, 0, `tsc failed in the consumer project:\n${tsc.stdout}${tsc.stderr}`);
  const run = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', join(project, 'out/consumer.js')], { cwd: project, encoding: 'utf8' });
  assert.equal(run.status, 0, `the compiled consumer failed:\n${run.stdout}${run.stderr}`);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { labels: string[]; back: string[]; task: string; epochs: number; totalError: boolean };
  assert.deepEqual(result.labels, ['off', 'on', 'on', 'off']);
  assert.deepEqual(result.back, result.labels);
  assert.equal(result.task, 'classification');
  assert.equal(result.epochs, 201);
  assert.equal(result.totalError, true);

  // A CommonJS project with TypeScript's older defaults (module commonjs, moduleResolution node10, which
  // reads no "exports"): the package's "types", "main" and "typesVersions" resolve both entries.
  const legacy = join(project, 'legacy');
  mkdirSync(legacy);
  writeFileSync(join(legacy, 'package.json'), JSON.stringify({ name: 'legacy-consumer', private: true, type: 'commonjs' }));
  writeFileSync(join(legacy, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', moduleResolution: 'node10', strict: true, types: ['node'], outDir: 'out', skipLibCheck: false }, files: ['main.ts'] }));
  writeFileSync(
    join(legacy, 'main.ts'),
    [
      "import { Classifier } from 'backprop';",
      "import { saveModel, loadModel } from 'backprop/node';",
      'async function main(): Promise<void> {',
      "  const clf = new Classifier<string>({ epochs: 3, seed: 1 });",
      "  await clf.fit([[0, 0], [1, 1], [0, 1], [1, 0]], ['a', 'b', 'b', 'a']);",
      "  await saveModel(clf, 'm.json');",
      "  const model = await loadModel('m.json');",
      '  console.log(JSON.stringify({ task: model.task, labels: clf.predict([[0, 0]]).length }));',
      '}',
      'void main();',
    ].join('\n'),
  );
  const legacyTsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', legacy], { cwd: legacy, encoding: 'utf8' });
  assert.equal(legacyTsc.status, 0, `tsc failed in the node10 CommonJS project:\n${legacyTsc.stdout}${legacyTsc.stderr}`);
  const legacyRun = spawnSync(process.execPath, [join(legacy, 'out/main.js')], { cwd: legacy, encoding: 'utf8' });
  assert.equal(legacyRun.status, 0, `the compiled CommonJS consumer failed:\n${legacyRun.stdout}${legacyRun.stderr}`);
  assert.deepEqual(JSON.parse(legacyRun.stdout.trim().split('\n').at(-1)!), { task: 'classification', labels: 1 });
});
