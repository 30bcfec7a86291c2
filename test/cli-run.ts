/** Runs the real `backprop` CLI as a subprocess (node --import tsx src/cli/main.ts) for the cli-*.test.ts suites. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What a CLI run left behind. */
export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The signal that ended the process, if one did (then `code` is -1). */
  readonly signal?: NodeJS.Signals | null;
}

/** Where a CLI run happens: environment variables added (undefined removes one), its working folder, stdout an open file descriptor. */
export interface CliSetting {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly stdout?: number;
  /** Called with the stdout text so far whenever more arrives, and a way to signal the process (an interrupt once training runs). */
  readonly onStdout?: (text: string, kill: (signal: NodeJS.Signals) => void) => void;
}

/** Runs `backprop ...args`, feeding `input` on stdin (in the repository root, NO_COLOR set, unless `setting` says otherwise). */
export function cli(args: readonly string[], input = '', setting: CliSetting = {}): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...setting.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    // tsx is found from the repository root (--import resolves from the working folder).
    const child = spawn(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href, join(root, 'src/cli/main.ts'), ...args], {
      cwd: setting.cwd ?? root,
      env,
      stdio: ['pipe', setting.stdout ?? 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      setting.onStdout?.(stdout, (signal) => child.kill(signal));
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, stdout, stderr, signal }));
    child.stdin!.end(input);
  });
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'backprop-cli-'));
}

/**
 * A small regression CSV: price = 50 + 30·rooms − 0.8·age + 5·sin(2·rooms) + noise, with a
 * useless `noise` column; 300 rows from a fixed linear congruential generator.
 */
export function writeHousesCsv(dir: string, rows = 300): string {
  let state = 1;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const lines = ['rooms,age,noise,price'];
  for (let i = 0; i < rows; i++) {
    const rooms = 1 + next() * 5;
    const age = next() * 50;
    const noise = next();
    const price = 50 + 30 * rooms - 0.8 * age + 5 * Math.sin(rooms * 2) + (next() - 0.5) * 4;
    lines.push([rooms.toFixed(3), age.toFixed(2), noise.toFixed(3), price.toFixed(2)].join(','));
  }
  const path = join(dir, 'houses.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** Asserts-friendly view of a failed run: exactly one line on stderr, no stack frames. */
export function errorLines(outcome: CliOutcome): string[] {
  return outcome.stderr.split('\n').filter((line) => line.trim() !== '');
}

/** Asserts a failure: exit `code`, exactly one stderr line starting "backprop: " and matching `pattern`, no stack trace. */
export function assertOneLineError(outcome: CliOutcome, code: number, pattern: RegExp): void {
  const lines = errorLines(outcome);
  assert.equal(outcome.code, code, `exit code (stderr: ${outcome.stderr})`);
  assert.equal(lines.length, 1, `one line on stderr, got:\n${outcome.stderr}`);
  assert.match(lines[0]!, /^backprop: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(outcome.stderr, /^\s+at /m, 'no stack trace');
}
