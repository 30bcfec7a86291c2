/**
 * End to end: `backprop train fashion-mnist --layers 128 --optimizer sgd --learning-rate 0.1
 * --batch-size 64 --epochs 1 --no-out --json` as a user runs it, in a fresh process each time.
 * Reports wall time (spawn to exit: startup, loading the images, training, evaluating both parts),
 * the training time the CLI itself reports, their ratio (target: at most 2) and the peak RSS
 * (target: at most 300 MB for 47 MB of uint8 images). Runs the built CLI (dist/cli/main.js) when
 * it is newer than every file in src/ (`npm run build`), else the sources through tsx (which adds
 * about a second of compiling at startup).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CliTrainResult {
  /** 'dist' or 'source (tsx)'. */
  readonly cli: string;
  /** Medians over the runs. */
  readonly wallSeconds: number;
  readonly trainingSeconds: number;
  /** wallSeconds / trainingSeconds. */
  readonly ratio: number;
  readonly maxRssMb: number;
  readonly testAccuracy: number;
  readonly runs: readonly { wall: number; training: number; maxRssMb: number }[];
}

const ARGS = ['train', 'fashion-mnist', '--layers', '128', '--optimizer', 'sgd', '--learning-rate', '0.1', '--batch-size', '64', '--epochs', '1', '--no-out', '--json'];

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** Newest modification time (ms) of the files below `dir`. */
function newest(dir: string): number {
  return Math.max(0, ...readdirSync(dir).map((name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    return stat.isDirectory() ? newest(path) : stat.mtimeMs;
  }));
}

/** Runs the CLI job `reps` times (Fashion-MNIST must be installed: see bench/fmnist.ts). */
export function benchCliTrain(reps: number): CliTrainResult {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dist = `${root}dist/cli/main.js`;
  const built = (statSync(dist, { throwIfNoEntry: false })?.mtimeMs ?? 0) > newest(`${root}src`);
  const entry = built ? [dist] : ['--import', 'tsx', `${root}src/cli/main.ts`];
  const usage = fileURLToPath(new URL('./report-usage.mjs', import.meta.url));
  const runs: { wall: number; training: number; maxRssMb: number }[] = [];
  let testAccuracy = NaN;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const child = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', usage, ...entry, ...ARGS], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
    const wall = (performance.now() - t0) / 1000;
    if (child.status !== 0) throw new Error(`backprop train failed (${child.status}): ${child.stderr.trim().split('\n').at(-1)}`);
    const result = JSON.parse(child.stdout) as { seconds: number; test: { accuracy: number } | null };
    const line = child.stderr.split('\n').find((l) => l.startsWith('BENCH_USAGE '));
    const { maxRssKb } = JSON.parse(line!.slice('BENCH_USAGE '.length)) as { maxRssKb: number };
    runs.push({ wall, training: result.seconds, maxRssMb: maxRssKb / 1024 });
    testAccuracy = result.test?.accuracy ?? NaN;
  }
  const wallSeconds = median(runs.map((r) => r.wall));
  const trainingSeconds = median(runs.map((r) => r.training));
  return {
    cli: built ? 'dist' : 'source (tsx)',
    wallSeconds,
    trainingSeconds,
    ratio: wallSeconds / trainingSeconds,
    maxRssMb: median(runs.map((r) => r.maxRssMb)),
    testAccuracy,
    runs,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = benchCliTrain(Number(process.argv[2] ?? 3));
  console.log(JSON.stringify(result, null, 2));
}
