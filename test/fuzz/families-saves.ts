/**
 * SIGKILL during `--save` at seeded random moments: afterwards the model file is absent, the
 * old model or the new one, and it loads; a later save leaves no stale temporary file.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, watch as fsWatch } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { loadModel } from '../../src/io/model-file.js';
import type { FamilyReport } from './harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs `backprop ...args` and kills it with SIGKILL: `delayMs` after the start, or, with
 * `watch`, `delayMs` after a temporary save file appears in that folder (so the kill lands mid-write).
 */
function runAndKill(args: readonly string[], delayMs: number, watch?: string): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, stdio: 'ignore' });
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const kill = () => (killed = child.kill('SIGKILL'));
    const watcher = watch === undefined ? undefined : fsWatch(watch, (_event, name) => {
      if (timer === undefined && typeof name === 'string' && name.endsWith('.tmp')) timer = setTimeout(kill, delayMs);
    });
    if (watch === undefined) timer = setTimeout(kill, delayMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      watcher?.close();
      resolve({ killed, code });
    });
  });
}

/** Saves of a ~35 MB model killed at random moments; each checked for the three allowed states. */
export async function fuzzSaves(into: FamilyReport, count: number, seed: number, dir: string): Promise<void> {
  const path = join(dir, 'model.json');
  const train = (s: number) => ['train', 'xor', '--layers', '2500,2500', '--epochs', '1', '--no-out', '--quiet', '--seed', String(s), '--save', path];
  const first = await runAndKill(train(1), 600_000);
  if (first.code !== 0) throw new Error('the first save failed');
  // Startup, training and the save take a few seconds here; the kill lands anywhere in that span.
  // Half the kills land at a random moment of the run, half within 10 ms of the temporary file appearing.
  const plans = fc.sample(fc.record({ midWrite: fc.boolean(), delay: fc.integer({ min: 300, max: 2500 }), jitter: fc.integer({ min: 0, max: 10 }) }), { seed: seed + 5, numRuns: count });
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i]!;
    const before = readFileSync(path, 'utf8');
    const outcome = plan.midWrite ? await runAndKill(train(i + 2), plan.jitter, dir) : await runAndKill(train(i + 2), plan.delay);
    into.cases++;
    const args = [plan.midWrite ? `SIGKILL ${plan.jitter} ms after the .tmp appeared` : `SIGKILL after ${plan.delay} ms`, outcome.killed ? 'killed' : `finished with ${outcome.code}`];
    if (outcome.killed) into.refused++;
    else into.accepted++;
    const moment = !outcome.killed ? 'finished before the kill' : readdirSync(dir).some((n) => n.endsWith('.tmp')) ? 'killed while writing the model' : 'killed before or after the write';
    into.reasons.set(moment, (into.reasons.get(moment) ?? 0) + 1);
    if (!existsSync(path)) {
      into.failures.push({ kind: 'wrong', args, detail: 'the model file vanished' });
      continue;
    }
    const after = readFileSync(path, 'utf8');
    try {
      await loadModel(path);
    } catch (error) {
      into.failures.push({ kind: 'wrong', args, detail: `the model file does not load: ${(error as Error).message}` });
      continue;
    }
    if (after !== before && outcome.killed && !after.endsWith('\n')) into.failures.push({ kind: 'wrong', args, detail: 'a half-written model' });
  }
  // One more save must clean what the killed ones left.
  await runAndKill(['train', 'xor', '--layers', '3', '--epochs', '1', '--no-out', '--quiet', '--save', path], 600_000);
  const stale = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
  into.cases++;
  if (stale.length > 0) into.failures.push({ kind: 'wrong', args: ['save after kills'], detail: `stale temporaries: ${stale.join(', ')}` });
}
