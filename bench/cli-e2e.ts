/**
 * End to end: `backprop train fashion-mnist --layers 128 --optimizer sgd --learning-rate 0.1
 * --batch-size 64 --epochs 1 --no-out --json` as a user runs it, in a fresh process each time.
 * Reports wall time (spawn to exit: startup, loading the images, training, evaluating both parts),
 * the training time the CLI itself reports, their ratio (target: at most 2) and the peak RSS
 * (target: at most 300 MB for 47 MB of uint8 images). Runs the built CLI (dist/cli/main.js) when
 * it is newer than every file in src/ (`npm run build`), else the sources through tsx (which adds
 * about a second of compiling at startup).
 *
 * `node --import tsx bench/cli-e2e.ts [reps] [--vs OTHER/dist/cli/main.js] [--library] [--tty]`:
 * with --vs, another build of the CLI runs in turn with this one (A B A B ...: the same period of
 * a noisy machine) and both are reported with the ratios of their medians; with --library, the
 * library does the same training in its own process (bench/cli-e2e-library.mjs: Mlp.create + fit,
 * no listener) in turn with the CLI, comparing the training seconds each reports; with --tty, the
 * CLI runs under a pseudo-terminal (script(1)), so it draws its progress bars.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CliTrainResult {
  /** 'dist', 'source (tsx)' or the path of the entry given. */
  readonly cli: string;
  /** Medians over the runs. */
  readonly wallSeconds: number;
  readonly trainingSeconds: number;
  /** wallSeconds / trainingSeconds (of the medians). */
  readonly ratio: number;
  /** Median of each run's own wall / training. */
  readonly runRatio: number;
  readonly maxRssMb: number;
  readonly testAccuracy: number;
  readonly runs: readonly CliRun[];
}

/** One run of the CLI job. */
export interface CliRun {
  readonly wall: number;
  readonly training: number;
  readonly maxRssMb: number;
  readonly testAccuracy: number;
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

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE = fileURLToPath(new URL('./report-usage.mjs', import.meta.url));

/** The node arguments that start the CLI: `entry` (a main.js) if given, else dist when built, else the sources through tsx. */
function cliEntry(entry?: string): { label: string; args: string[] } {
  if (entry !== undefined) return { label: entry, args: [entry] };
  const dist = `${ROOT}dist/cli/main.js`;
  const built = (statSync(dist, { throwIfNoEntry: false })?.mtimeMs ?? 0) > newest(`${ROOT}src`);
  return built ? { label: 'dist', args: [dist] } : { label: 'source (tsx)', args: ['--import', 'tsx', `${ROOT}src/cli/main.ts`] };
}

/** Runs the CLI job once in a fresh process (under a pseudo-terminal when `tty`). */
function runCliOnce(args: readonly string[], tty = false): CliRun {
  const node = [process.execPath, '--experimental-wasm-relaxed-simd', '--import', USAGE, ...args, ...ARGS];
  const quoted = node.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const t0 = performance.now();
  // script(1) merges stdout and stderr on the terminal; the JSON and usage lines are picked out of it.
  const child = tty ? spawnSync('script', ['-qec', quoted, '/dev/null'], { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 26 }) : spawnSync(node[0]!, node.slice(1), { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  if (child.status !== 0) throw new Error(`backprop train failed (${child.status}): ${`${child.stderr}${child.stdout}`.trim().split('\n').at(-1)}`);
  const lines = `${child.stdout}\n${child.stderr}`.split(/\r?\n/).map((l) => l.replace(/^.*?(\{"dataset"|BENCH_USAGE )/, '$1'));
  const json = lines.find((l) => l.startsWith('{"dataset"'));
  const usage = lines.find((l) => l.startsWith('BENCH_USAGE '));
  if (json === undefined || usage === undefined) throw new Error('backprop train printed no JSON result or usage line');
  const result = JSON.parse(json) as { seconds: number; test: { accuracy: number } | null };
  const { maxRssKb } = JSON.parse(usage.slice('BENCH_USAGE '.length)) as { maxRssKb: number };
  return { wall, training: result.seconds, maxRssMb: maxRssKb / 1024, testAccuracy: result.test?.accuracy ?? NaN };
}

/** Medians of a set of runs. */
function summarize(label: string, runs: CliRun[]): CliTrainResult {
  const wallSeconds = median(runs.map((r) => r.wall));
  const trainingSeconds = median(runs.map((r) => r.training));
  return {
    cli: label,
    wallSeconds,
    trainingSeconds,
    ratio: wallSeconds / trainingSeconds,
    runRatio: median(runs.map((r) => r.wall / r.training)),
    maxRssMb: median(runs.map((r) => r.maxRssMb)),
    testAccuracy: runs.at(-1)?.testAccuracy ?? NaN,
    runs,
  };
}

/** Runs the CLI job `reps` times (Fashion-MNIST must be installed: see bench/fmnist.ts). */
export function benchCliTrain(reps: number, { entry, tty = false }: { entry?: string; tty?: boolean } = {}): CliTrainResult {
  const cli = cliEntry(entry);
  const runs: CliRun[] = [];
  for (let r = 0; r < reps; r++) runs.push(runCliOnce(cli.args, tty));
  return summarize(cli.label, runs);
}

/** The library's training seconds for the same work, in a fresh process (bench/cli-e2e-library.mjs). */
function libraryTrainingSeconds(): number {
  const child = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', fileURLToPath(new URL('./cli-e2e-library.mjs', import.meta.url))], { encoding: 'utf8', cwd: ROOT });
  if (child.status !== 0) throw new Error(`library run failed (${child.status}): ${child.stderr.trim().split('\n').at(-1)}`);
  return (JSON.parse(child.stdout) as { seconds: number }).seconds;
}

/**
 * A B A B ...: this CLI against `other` (another main.js) and/or against the library's training
 * time, `reps` rounds in one period, so that the machine's drift hits both sides alike.
 */
export function benchCliPairs(reps: number, { other, library = false, tty = false }: { other?: string; library?: boolean; tty?: boolean }) {
  const cli = cliEntry();
  const a: CliRun[] = [];
  const b: CliRun[] = [];
  const lib: number[] = [];
  for (let r = 0; r < reps; r++) {
    a.push(runCliOnce(cli.args, tty));
    if (other !== undefined) b.push(runCliOnce(cliEntry(other).args, tty));
    if (library) lib.push(libraryTrainingSeconds());
  }
  const ours = summarize(cli.label, a);
  const pairRatio = (f: (i: number) => number) => median(a.map((_, i) => f(i)));
  return {
    cli: ours,
    ...(other === undefined ? {} : { other: summarize(other, b), wallRatio: pairRatio((i) => a[i]!.wall / b[i]!.wall), trainingRatio: pairRatio((i) => a[i]!.training / b[i]!.training) }),
    ...(library ? { library: { trainingSeconds: median(lib), runs: lib }, cliOverLibraryTraining: pairRatio((i) => a[i]!.training / lib[i]!) } : {}),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const reps = Number(argv.find((a) => /^\d+$/.test(a)) ?? 3);
  const vs = argv.indexOf('--vs');
  const other = vs < 0 ? undefined : argv[vs + 1];
  const library = argv.includes('--library');
  const tty = argv.includes('--tty');
  const result = other === undefined && !library ? benchCliTrain(reps, { tty }) : benchCliPairs(reps, { ...(other === undefined ? {} : { other }), library, tty });
  // Each run on one line: [wall s, training s, peak RSS MB] (or the library's training seconds).
  const compact = (key: string, value: unknown) => (key === 'runs' && Array.isArray(value) ? value.map((r: CliRun | number) => (typeof r === 'number' ? r.toFixed(3) : `${r.wall.toFixed(2)} ${r.training.toFixed(3)} ${r.maxRssMb.toFixed(0)}`)) : typeof value === 'number' ? Number(value.toPrecision(4)) : value);
  console.log(JSON.stringify(result, compact, 1));
}
