/**
 * The CLI on a stranger's machine: output that cannot be written, signals, the environment
 * (terminal variables, the working folder) and odd paths. Each ends as one line with a
 * meaningful exit code, and leaves nothing half-written behind.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assertOneLineError, cli, errorLines, tempDir } from './cli-run.js';
import { runInProcess } from './helpers/cli-in-process.js';
import { completeRunFolder, makeStagingFolder } from '../src/cli/run-folder.js';

describe('the CLI on a stranger machine', { concurrency: 2 }, () => {
  it('stdout on a full disk (/dev/full): one line, and the training still saves its model and run folder, exit 1', async () => {
    const dir = tempDir();
    const full = openSync('/dev/full', 'w');
    try {
      const outcome = await cli(['train', 'xor', '--epochs', '50', '--log-every', '1', '--save', join(dir, 'm.json'), '--out', join(dir, 'run')], '', { stdout: full });
      assert.equal(outcome.code, 1, outcome.stderr);
      assert.deepEqual(errorLines(outcome), ['backprop: cannot write the output (stdout): no space left on the device; the rest of the output is dropped, the command goes on']);
      assert.ok(existsSync(join(dir, 'm.json')), 'the model is saved');
      assert.ok(existsSync(join(dir, 'run', 'model.json')), 'the run folder is complete');
      assert.deepEqual(readdirSync(dir).sort(), ['m.json', 'run'], 'no staging folder or temporary file left');
    } finally {
      closeSync(full);
    }
  });
});

/** `backprop ...args` on a pseudo-terminal (script(1)) with `env` added: what the terminal showed. */
function onTerminal(args: readonly string[], env: Record<string, string>): string {
  const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  const command = [process.execPath, '--import', 'tsx', main, ...args].join(' ');
  const base: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
  delete base['NO_COLOR'];
  delete base['FORCE_COLOR'];
  const run = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', timeout: 120_000, cwd: fileURLToPath(new URL('..', import.meta.url)), env: { ...base, ...env } });
  assert.equal(run.status, 0, run.stdout);
  return run.stdout;
}

describe('terminal variables', { concurrency: 2 }, () => {
  const train = ['train', 'mnist', '--epochs', '2', '--no-out'];
  it('a terminal gets the progress bar and a coloured chart (what the next two turn off)', () => {
    const shown = onTerminal(train, {});
    assert.match(shown, /\x1b\[36m/, 'colour');
    assert.match(shown, /\x1b\[\?25l/, 'the bar hides the cursor');
  });
  it('TERM=dumb: no escape sequences at all (no colour, no progress bar drawn in place), the epoch lines as in a log', () => {
    const shown = onTerminal(train, { TERM: 'dumb' });
    assert.doesNotMatch(shown, /\x1b/);
    assert.match(shown, /^epoch 2\/2 /m);
  });
  it('FORCE_COLOR=0 turns colour off as NO_COLOR does; an empty NO_COLOR does not (no-color.org)', () => {
    assert.doesNotMatch(onTerminal(train, { FORCE_COLOR: '0' }), /\x1b\[36m/);
    assert.match(onTerminal(train, { NO_COLOR: '' }), /\x1b\[36m/);
  });
});

describe('the working folder', () => {
  it('deleted while the shell was in it (cd d; rmdir ../d): one line saying so, exit 1, not "internal error: ENOENT uv_cwd"', async () => {
    const here = process.cwd();
    const out = join(tempDir(), 'run');
    const gone = tempDir();
    process.chdir(gone);
    rmdirSync(gone);
    try {
      const outcome = await runInProcess(['train', 'xor', '--epochs', '1', '--out', out]);
      assertOneLineError(outcome, 1, /^backprop: the current folder no longer exists \(it was deleted or moved while the shell was in it\): cd to an existing folder/);
      assert.equal(existsSync(out), false);
    } finally {
      process.chdir(here);
    }
  });
});

describe('run folders', () => {
  it('a disk that fills while the pictures are written: the reason in words, what was kept and where', async () => {
    const dir = tempDir();
    const folder = join(dir, 'run');
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const stages = [
      { what: 'model, history and metrics', write: async (d: string) => (writeFileSync(join(d, 'model.json'), '{}'), ['model.json']) },
      { what: 'pictures', write: async () => Promise.reject(full) },
    ];
    await assert.rejects(completeRunFolder(folder, makeStagingFolder(folder), stages), (error: Error) => {
      assert.match(error.message, /^run folder .*run not complete: writing the pictures failed \(no space left on the device\); .*run\.incomplete holds model\.json; missing: pictures$/);
      return true;
    });
  });

  it('a run folder gets the permissions of any folder made here (the umask), not those of a private temporary folder (0700)', async () => {
    const dir = tempDir();
    const outcome = await cli(['train', 'xor', '--epochs', '1', '--quiet', '--out', join(dir, 'run')]);
    assert.equal(outcome.code, 0, outcome.stderr);
    mkdirSync(join(dir, 'plain'));
    assert.equal((statSync(join(dir, 'run')).mode & 0o777).toString(8), (statSync(join(dir, 'plain')).mode & 0o777).toString(8));
  });
});

describe('odd paths', { concurrency: 2 }, () => {
  it('a file named with a leading dash (-data.csv) reads as an option: the line says to write ./-data.csv, which works', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '-data.csv'), 'a,b,y\n' + Array.from({ length: 30 }, (_, i) => `${i},${i % 3},${i % 2}`).join('\n') + '\n');
    assertOneLineError(await cli(['train', '-data.csv', '--no-out', '--epochs', '1'], '', { cwd: dir }), 2, /^backprop: unknown option '-data\.csv' \(for the file of that name, write \.\/-data\.csv\)$/);
    const fixed = await cli(['train', './-data.csv', '--no-out', '--epochs', '1', '--quiet'], '', { cwd: dir });
    assert.equal(fixed.code, 0, fixed.stderr);
  });

  it('a quoted ~ (the shell left it alone): the read, the --save and the --out say so, and no folder named ~ is made', async () => {
    const dir = tempDir();
    const hint = 'the shell expands ~ only when it is not quoted; write \\$HOME instead';
    assertOneLineError(await cli(['train', '~/data.csv'], '', { cwd: dir }), 1, new RegExp(`^backprop: ~/data\\.csv: no such file .*\\(the folder ~ does not exist: ${hint}\\)$`));
    assertOneLineError(await cli(['train', 'xor', '--no-out', '--save', '~/m.json'], '', { cwd: dir }), 1, new RegExp(`^backprop: cannot write model file ~/m\\.json: the folder ~ does not exist: ${hint}$`));
    const out = await cli(['train', 'xor', '--epochs', '1', '--out', '~/runs/x'], '', { cwd: dir });
    assertOneLineError(out, 1, new RegExp(`^backprop: cannot create run folder ~/runs/x: that would make a folder named "~" here: ${hint}$`));
    assert.deepEqual(readdirSync(dir), [], 'no folder named ~');
  });

  it('--save or --out at a loop of symbolic links: one line naming the flag value and the loop, before training', async () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'b'), join(dir, 'a'));
    symlinkSync(join(dir, 'a'), join(dir, 'b'));
    const save = await cli(['train', 'xor', '--epochs', '1', '--no-out', '--save', join(dir, 'a')]);
    assertOneLineError(save, 1, /^backprop: cannot write model file .*a: too many symbolic links \(links that point at each other\?\)$/);
    assert.doesNotMatch(save.stdout, /epoch/, 'refused before training');
    assertOneLineError(await cli(['train', 'xor', '--epochs', '1', '--out', join(dir, 'b')]), 1, /^backprop: cannot create run folder .*b: too many symbolic links/);
    assertOneLineError(await cli(['train', 'xor', '--epochs', '1', '--no-out', '--save', join(dir, 'a', 'm.json')]), 1, /^backprop: cannot write model file .*m\.json: too many symbolic links/);
  });
});

/** A script run with tsx: `withSignalsHeld` around a write that signals its own process (`signals` times) midway. */
function heldRun(signals: number, dir: string): ReturnType<typeof spawnSync> {
  const module = pathToFileURL(fileURLToPath(new URL('../src/cli/held-signals.ts', import.meta.url))).href;
  const script = `
    import { writeFileSync } from 'node:fs';
    const { withSignalsHeld } = await import(${JSON.stringify(module)});
    await withSignalsHeld('m.json', async () => {
      for (let i = 0; i < ${signals}; i++) process.kill(process.pid, 'SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 300));
      writeFileSync(${JSON.stringify(join(dir, 'm.json'))}, '{}');
    });
    writeFileSync(${JSON.stringify(join(dir, 'after'))}, 'the program went on');`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000, cwd: fileURLToPath(new URL('..', import.meta.url)) });
}

describe('a signal while the results are written', { concurrency: 2 }, () => {
  it('is held: one line, the files finished, then the process ends by that signal', () => {
    const dir = tempDir();
    const run = heldRun(1, dir);
    assert.equal(run.signal, 'SIGINT', String(run.stderr));
    assert.equal(run.stderr, 'backprop: interrupted (SIGINT) while writing m.json: finishing that first, then stopping (Ctrl-C again stops at once)\n');
    assert.deepEqual(readdirSync(dir), ['m.json'], 'the file was finished, and nothing after it ran');
  });
  it('a second one stops at once', () => {
    const dir = tempDir();
    const run = heldRun(2, dir);
    assert.equal(run.signal, 'SIGINT', String(run.stderr));
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe('interrupting train', { concurrency: 2 }, () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} during training ends the process by the signal, no stack trace, and leaves no run folder, staging folder or model file`, async () => {
      const dir = tempDir();
      let sent = false;
      const outcome = await cli(['train', 'mnist', '--epochs', '500', '--log-every', '1', '--save', join(dir, 'm.json'), '--out', join(dir, 'run')], '', {
        onStdout: (text, kill) => {
          if (!sent && /^epoch +1\//m.test(text)) {
            sent = true;
            kill(signal);
          }
        },
      });
      assert.ok(sent, `training started (stdout: ${outcome.stdout})`);
      assert.equal(outcome.signal, signal, `ended by ${signal} (code ${outcome.code}, stderr: ${outcome.stderr})`);
      assert.doesNotMatch(outcome.stderr, /^\s+at /m, 'no stack trace');
      assert.deepEqual(readdirSync(dir), [], 'nothing half-written left');
    });
  }
});
