/**
 * The README cannot drift: every TypeScript/JavaScript block in README.md is, character for
 * character, a file examples/readme-*.ts; those files type-check under the project's strict
 * settings (with `backprop` mapped to src/ by tsconfig paths) and run to a zero exit status.
 * The exceptions are blocks that need something another test sets up (a file made by a CLI
 * session, a WebGPU adapter): each is the body of an examples/ file listed in VERIFIED_ELSEWHERE
 * (the file may add imports and comments around it), whose named test runs it (and the check
 * below makes sure that test still reads that file).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```(?:ts|js|typescript|javascript)\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
const files = readdirSync(join(root, 'examples')).filter((f) => f.startsWith('readme-') && f.endsWith('.ts'));
const texts = new Map(files.map((f) => [f, readFileSync(join(root, 'examples', f), 'utf8')]));
/**
 * README blocks that are examples/ files run by another test: standalone-usage.mjs imports the
 * predict.js that `backprop export --format js` writes during the README's interop session, so
 * test/readme-interop.test.ts exports it and runs the example beside it, output for output.
 */
const VERIFIED_ELSEWHERE: ReadonlyMap<string, string> = new Map([
  ['standalone-usage.mjs', 'test/readme-interop.test.ts'],
  // needs a WebGPU adapter (the SwiftShader ICD); that test sets up the environment and runs it
  ['webgpu-iris.ts', 'test/webgpu-example.test.ts'],
]);
const elsewhere = new Map([...VERIFIED_ELSEWHERE.keys()].map((f) => [f, readFileSync(join(root, 'examples', f), 'utf8')]));

test('every TypeScript/JavaScript block of the README is an examples/readme-*.ts file (or one that VERIFIED_ELSEWHERE names), and every such file is in the README', () => {
  assert.ok(blocks.length >= 3, `found ${blocks.length} code blocks`);
  for (const block of blocks) {
    const match = [...texts].find(([, text]) => text === block) ?? [...elsewhere].find(([, text]) => text.includes(block.trim()));
    assert.ok(match !== undefined, `this README block is no examples/readme-*.ts file, nor one that VERIFIED_ELSEWHERE names:\n${block.slice(0, 300)}`);
  }
  for (const [file, text] of texts) assert.ok(blocks.includes(text), `examples/${file} is not (or no longer) in the README`);
  for (const [file, text] of elsewhere) {
    assert.ok(blocks.some((block) => text.includes(block.trim())), `examples/${file} is not (or no longer) in the README`);
    const checker = VERIFIED_ELSEWHERE.get(file)!;
    assert.ok(readFileSync(join(root, checker), 'utf8').includes(`examples/${file}`), `${checker} no longer runs examples/${file}`);
  }
});

test('the README examples type-check under the project settings', () => {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(files.map((f) => join(root, 'examples', f)), parsed.options);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
  assert.deepEqual(problems, []);
});

test('the README examples run', () => {
  const tsx = fileURLToPath(import.meta.resolve('tsx'));
  for (const file of files) {
    const cwd = mkdtempSync(join(tmpdir(), 'backprop-readme-'));
    const run = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', tsx, join(root, 'examples', file)], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
    });
    assert.equal(run.status, 0, `examples/${file} failed:\n${run.stdout}\n${run.stderr}`);
  }
});
