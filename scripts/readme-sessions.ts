/**
 * The README's generated CLI sessions: each `<!-- session: NAME -->` marker in README.md is
 * followed by a code block holding `$ command` lines and their real output. This script runs
 * the commands (from source, in a temporary directory) and prints each block, or with --write
 * puts them into README.md; test/readme-sessions.test.ts checks the README against a fresh run.
 * Run: node --experimental-wasm-relaxed-simd --import tsx scripts/readme-sessions.ts [--write]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(import.meta.resolve('tsx'));

/**
 * The generated sessions: marker name → the `backprop` argument lists, run in order in one
 * directory. A step `['cat', FILE]` shows one of the session's FILES instead of running backprop.
 */
export const SESSIONS: Record<string, readonly (readonly string[])[]> = {
  gradcheck: [
    ['gradcheck', '--layers', '4,5,3', '--activation', 'tanh'],
    ['gradcheck', '--activation', 'relu', '--samples', '16'],
  ],
  iris: [
    ['train', 'iris', '--layers', '16', '--epochs', '40', '--save', 'iris.json', '--out', 'runs/iris'],
    ['evaluate', 'iris.json', 'iris'],
    ['cat', 'flowers.csv'],
    ['predict', 'iris.json', 'flowers.csv'],
  ],
};

/** Files a session's directory holds before its first command. */
export const SESSION_FILES: Record<string, Readonly<Record<string, string>>> = {
  iris: { 'flowers.csv': 'sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6.4,3.2,4.5,1.5\n6.3,3.3,6.0,2.5\n' },
};

/** Runs one session and returns its code block's text: each `$ backprop ...` line, then its stdout and stderr (trailing spaces of lines removed). */
export function runSession(commands: readonly (readonly string[])[], files: Readonly<Record<string, string>> = {}): string {
  const cwd = mkdtempSync(join(tmpdir(), 'backprop-session-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  return commands
    .map((args) => {
      if (args[0] === 'cat' && args.length === 2) return `$ cat ${args[1]}\n${readFileSync(join(cwd, args[1]!), 'utf8')}`.trimEnd();
      const run = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', tsx, join(root, 'src/cli/main.ts'), ...args], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      if (run.status !== 0) throw new Error(`backprop ${args.join(' ')} exited with ${run.status}:\n${run.stderr}`);
      return `$ backprop ${args.join(' ')}\n${run.stdout}${run.stderr}`.replace(/[ \t]+$/gm, '').trimEnd();
    })
    .join('\n');
}

/** The block that follows `<!-- session: NAME -->` in the README text (undefined if there is none). */
export function readmeSession(readme: string, name: string): string | undefined {
  const match = new RegExp(`<!-- session: ${name} -->\\n\`\`\`\\n([\\s\\S]*?)\\n\`\`\`(?=\\n|$)`).exec(readme);
  return match?.[1];
}

/** Lines with timings (seconds, rates) are not compared: their numbers are masked. */
export function maskTimings(text: string): string {
  return text.replace(/\d[\d,.]*\s*(s|samples\/s)\b/g, '<time>');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = join(root, 'README.md');
  let readme = readFileSync(path, 'utf8');
  for (const [name, commands] of Object.entries(SESSIONS)) {
    const text = runSession(commands, SESSION_FILES[name]);
    if (!process.argv.includes('--write')) {
      console.log(`<!-- session: ${name} -->\n\`\`\`\n${text}\n\`\`\``);
      continue;
    }
    const old = readmeSession(readme, name);
    if (old === undefined) throw new Error(`README.md has no <!-- session: ${name} --> block`);
    readme = readme.replace(`<!-- session: ${name} -->\n\`\`\`\n${old}\n\`\`\``, () => `<!-- session: ${name} -->\n\`\`\`\n${text}\n\`\`\``);
  }
  if (process.argv.includes('--write')) writeFileSync(path, readme);
}
