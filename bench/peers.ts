/** Runs the peer scripts (a copy of the peers folder in bench/.peers, see the README's benchmark section) and parses their JSON line; skips what is not installed. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FMNIST_DIR } from './fmnist.js';

export const PEERS_DIR = fileURLToPath(new URL('./.peers/', import.meta.url));
const PYTHON = '/usr/bin/python3';

export interface PeerRun {
  readonly peer: string;
  /** Median seconds, or GEMM medians by shape. */
  readonly median?: number;
  /** Seconds of each repetition, in order. */
  readonly times?: number[];
  readonly accs?: (number | null)[];
  readonly limit?: number;
  readonly result?: Record<string, { median: number }>;
  readonly skipped?: string;
}

function pythonHas(module: string): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', `import ${module}`]).status === 0;
}

function nodeHas(pkg: string): boolean {
  return existsSync(`${PEERS_DIR}node_modules/${pkg}/package.json`);
}

/** Which peers can run here, and why not where they cannot. */
export function peerAvailability(): Record<string, string | true> {
  const scripts = existsSync(`${PEERS_DIR}py_bench.py`);
  const copy = 'copy the peer scripts to bench/.peers (see the README\'s benchmark section)';
  return {
    numpy: !scripts ? copy : pythonHas('numpy') && pythonHas('scipy') ? true : 'apt-get install python3-numpy python3-scipy',
    torch: !scripts ? copy : pythonHas('torch') ? true : 'apt-get install python3-torch',
    'tfjs-wasm': !scripts ? copy : nodeHas('@tensorflow/tfjs-backend-wasm') ? true : 'npm install in bench/.peers',
    'brain.js': !scripts ? copy : nodeHas('brain.js') ? true : 'npm install in bench/.peers',
  };
}

/** One peer run: `peer` in numpy | torch | tfjs-wasm | brain.js; workload w1..w4 or gemm. */
export function runPeer(peer: string, workload: string, args: readonly string[]): PeerRun {
  const env: NodeJS.ProcessEnv = { ...process.env, FMNIST_DIR, OPENBLAS_NUM_THREADS: '2', OMP_NUM_THREADS: '2', BENCH_THREADS: '2', TORCH_THREADS: '1' };
  // The machine-wide OpenBLAS overrides are for other tools; the peers' numbers are taken without them (peers README).
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  let command: string;
  let argv: string[];
  if (peer === 'numpy' || peer === 'torch') [command, argv] = [PYTHON, ['py_bench.py', workload, peer, ...args]];
  else if (peer === 'tfjs-wasm') [command, argv] = [process.execPath, ['tfjs_bench.js', workload, 'wasm', ...args]];
  else [command, argv] = [process.execPath, ['brain_bench.js', ...args]];
  const child = spawnSync(command, argv, { cwd: PEERS_DIR, env, encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = child.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (child.status !== 0 || line === undefined) return { peer, skipped: `failed (exit ${child.status}): ${child.stderr.trim().split('\n').at(-1) ?? ''}` };
  return { peer, ...(JSON.parse(line) as object) };
}
