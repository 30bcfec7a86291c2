/**
 * The CLI imports only the subcommand a command line names (program.ts commandsFor): every
 * command still answers, help still lists them all, a mistyped name still gets a suggestion.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runInProcess } from './helpers/cli-in-process.js';

const COMMANDS = ['train', 'evaluate', 'predict', 'inspect', 'summary', 'gradcheck', 'reproduce', 'explain', 'playground', 'download', 'export', 'import'];

test('--version alone prints the package version', async () => {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const { code, stdout } = await runInProcess(['--version']);
  assert.equal(code, 0);
  assert.equal(stdout.trim(), version);
});

test('--help lists every subcommand', async () => {
  const { code, stdout } = await runInProcess(['--help']);
  assert.equal(code, 0);
  for (const name of COMMANDS) assert.match(stdout, new RegExp(`^\\s+${name}\\b`, 'm'), `${name} listed`);
});

test('each subcommand named first (after global options with values) is registered and answers --help', async () => {
  for (const name of COMMANDS) {
    const { code, stdout } = await runInProcess(['--threads', '1', '--max-memory', '2GB', name, '--help']);
    assert.equal(code, 0, name);
    assert.match(stdout, new RegExp(`^Usage: backprop ${name}\\b`, 'm'), name);
  }
});

test('a mistyped subcommand still gets the suggestion; help <command> still works', async () => {
  const typo = await runInProcess(['trian', 'iris']);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /unknown command 'trian' \(Did you mean train\?\)/);
  const help = await runInProcess(['help', 'gradcheck']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: backprop gradcheck\b/m);
});
