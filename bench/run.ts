/**
 * npm run bench [-- --quick] [-- --no-peers] [-- --only gemm,w1,w2,w3,w4,csv,cli]
 * npm run bench -- --backend webgpu [...]: the GPU backend instead (see bench/webgpu.ts)
 * Times backprop's wasm backend on the GEMM shapes and on W1-W4 of the peers' README (bench/.peers/README.md),
 * runs the installed peers in the same run, prints ratios, and writes bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createWasmBackend, relaxedSimdSupported } from '../src/backend/wasm.js';
import { fashionMnistAvailable, loadFashionMnist } from './fmnist.js';
import { benchCliTrain } from './cli-e2e.js';
import { benchGemm, GEMM_SHAPES, ORIENTATIONS } from './gemm.js';
import { benchCsvParse, printCsvParse, printMarginalMemory } from './csv-parse.js';
import { peerAvailability, runPeer, type PeerRun } from './peers.js';
import { w1, w2, w3, w4, type WorkloadResult } from './workloads.js';

const argv = process.argv.slice(2);
if (argv.includes('--backend') && argv[argv.indexOf('--backend') + 1] === 'webgpu') {
  await (await import('./webgpu.js')).runWebGpuBench(argv); // its own run: bench/webgpu.ts
  process.exit(0);
}
const quick = argv.includes('--quick');
const withPeers = !argv.includes('--no-peers');
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1]!.split(',') : ['gemm', 'w1', 'w2', 'w3', 'w4', 'csv', 'cli'];
const reps = quick ? 1 : 3;
const w2Limit = quick ? 3000 : 10000;
const available = withPeers ? peerAvailability() : {};
const peerReady = (peer: string): boolean => available[peer] === true;
const results: Record<string, unknown> = {
  date: new Date().toISOString(), node: process.version, cores: availableParallelism(), relaxedSimd: relaxedSimdSupported(), quick, peers: available,
};

for (const [peer, state] of Object.entries(available)) if (state !== true) console.log(`skipping ${peer}: not installed (${state})`);

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

if (only.includes('gemm')) {
  console.log('\nGEMM, GFLOP/s (median of 3 trials)');
  const ours = await benchGemm(quick ? 120 : 300);
  const peers: PeerRun[] = withPeers ? ['numpy', 'torch', 'tfjs-wasm'].filter(peerReady).map((p) => runPeer(p, 'gemm', ['--reps', '3'])) : [];
  const peak = peers.find((p) => p.peer === 'numpy')?.result?.['1024x1024x1024']?.median;
  results.gemm = { ours, peers, practicalPeak2Threads: peak };
  console.log(`${'shape'.padEnd(16)}${'build'.padEnd(9)}thr  ${ORIENTATIONS.map((o) => o.padStart(7)).join('')}   ${peers.map((p) => p.peer.padStart(10)).join('')}`);
  for (const row of ours) {
    const peerCells = peers.map((p) => (p.result?.[row.shape]?.median.toFixed(1) ?? '–').padStart(10)).join('');
    const pct = peak === undefined ? '' : `  (${((100 * row.gflops['A·B']) / (peak * (row.threads / 2))).toFixed(0)}% of OpenBLAS per-thread peak)`;
    console.log(`${row.shape.padEnd(16)}${row.build.padEnd(9)}${String(row.threads).padStart(3)}  ${ORIENTATIONS.map((o) => row.gflops[o].toFixed(1).padStart(7)).join('')}   ${peerCells}${pct}`);
  }
  void GEMM_SHAPES;
}

const workloads = ['w1', 'w2', 'w3', 'w4'].filter((w) => only.includes(w));
if (workloads.length > 0 && !fashionMnistAvailable()) console.log('skipping W1-W4: Fashion-MNIST not found (set FMNIST_DIR)');
else if (workloads.length > 0) {
  const data = { train: loadFashionMnist('train'), test: loadFashionMnist('t10k') };
  const backend = createWasmBackend();
  await backend.threadsReady();
  const ref = { threads: backend.threads, relaxedSimd: backend.relaxedSimd };
  const perEpoch = (r: WorkloadResult, w: string): number => (w === 'w4' ? r.seconds : (r.seconds * 60000) / r.samples);
  const table: Record<string, unknown> = {};
  console.log(`\nWorkloads (backprop wasm, ${ref.threads} threads, ${ref.relaxedSimd ? 'relaxed SIMD' : 'SIMD128'}): s/epoch (W4: samples/s); ratio = peer time / ours`);
  for (const w of workloads) {
    // Rounds alternate ours with the fast peers (numpy, PyTorch), so that a drift of the machine's
    // speed during the run hits both sides of a ratio alike. A peer's round runs two repetitions
    // in one process and counts the second: the first pays one-time costs (allocator, thread
    // pool, caches) that our rounds, after one untimed run in the same process, do not. The slow peers (tfjs-wasm,
    // brain.js: minutes, ratios of 15-90x) run once after the rounds.
    const limitFor = (peer: string): number => (w === 'w2' ? (peer === 'numpy' || peer === 'torch' ? w2Limit : Math.min(w2Limit, 2000)) : 60000);
    const peerArgs = (peer: string, reps: number): string[] => ['--reps', String(reps), ...(w === 'w2' ? ['--limit', String(limitFor(peer))] : [])];
    const peerSeconds = (peer: string, seconds: number): number => (w === 'w2' ? (seconds * 60000) / limitFor(peer) : seconds);
    const warmSeconds = (run: PeerRun): number | undefined => run.times?.at(-1) ?? run.median;
    const fastPeers = withPeers ? ['numpy', 'torch'].filter(peerReady) : [];
    const slowPeers = withPeers ? ['tfjs-wasm', 'brain.js'].filter(peerReady).filter((p) => p !== 'brain.js' || w === 'w2') : [];
    const runs: WorkloadResult[] = [];
    const rounds = new Map<string, { seconds: number[]; accuracy: number | null; skipped?: string }>();
    const runOurs = (seed: number): WorkloadResult => (w === 'w1' ? w1(backend, data, seed) : w === 'w2' ? w2(backend, data, seed, w2Limit) : w === 'w3' ? w3(backend, data, seed) : w4(backend, data, seed));
    // One untimed run first, as each peer's first repetition is dropped: ours pays its one-time
    // costs there (JavaScript and wasm tier-up of this workload's paths, first touch of its
    // buffers). The first timed W1 round was 20-50% slower than the next ones without it.
    if (!quick) runOurs(1233);
    for (let r = 0; r < reps; r++) {
      const seed = 1234 + r;
      runs.push(runOurs(seed));
      for (const peer of fastPeers) {
        const entry = rounds.get(peer) ?? { seconds: [], accuracy: null };
        rounds.set(peer, entry);
        if (entry.skipped !== undefined) continue;
        const run = runPeer(peer, w, peerArgs(peer, 2));
        const warm = warmSeconds(run);
        if (warm === undefined) entry.skipped = run.skipped ?? 'no result';
        else {
          entry.seconds.push(peerSeconds(peer, warm));
          entry.accuracy ??= run.accs?.[0] ?? null;
        }
      }
    }
    const ours = median(runs.map((r) => perEpoch(r, w)));
    const peers: { peer: string; seconds?: number; accuracy?: number | null; skipped?: string; limit?: number; rounds?: number[]; roundRatios?: number[] }[] = [];
    for (const [peer, entry] of rounds) {
      if (entry.skipped !== undefined || entry.seconds.length === 0) peers.push({ peer, skipped: entry.skipped ?? 'no result' });
      else {
        // Each round's own ratio (the peer's time over ours in the same round, W4 likewise as time
        // per pass): their spread shows how far the machine's drift moved the ratio in this run.
        const roundRatios = entry.seconds.map((s, r) => s / perEpoch(runs[r]!, w));
        peers.push({ peer, seconds: median(entry.seconds), accuracy: entry.accuracy, limit: limitFor(peer), rounds: entry.seconds, roundRatios });
      }
    }
    for (const peer of slowPeers) {
      const run = runPeer(peer, w, peerArgs(peer, 1));
      if (run.median === undefined) peers.push({ peer, skipped: run.skipped ?? 'no result' });
      else peers.push({ peer, seconds: peerSeconds(peer, run.median), accuracy: run.accs?.[0] ?? null, limit: limitFor(peer) });
    }
    table[w] = { ours, accuracy: runs[0]!.accuracy, runs, peers };
    const show = (s: number): string => (w === 'w4' ? `${(10000 / s / 1000).toFixed(1)}k/s` : `${s.toFixed(3)} s`);
    const acc = runs[0]!.accuracy === undefined ? '' : `, acc ${(100 * runs[0]!.accuracy).toFixed(1)}%`;
    console.log(`${w.toUpperCase()}  backprop ${show(ours)}${acc}${w === 'w2' ? ` (first ${w2Limit} samples, scaled to 60k)` : ''}`);
    for (const p of peers) {
      if (p.seconds === undefined) console.log(`      ${p.peer.padEnd(10)} ${p.skipped}`);
      else {
        const spread = p.roundRatios === undefined || p.roundRatios.length < 2 ? '' : ` (rounds ${Math.min(...p.roundRatios).toFixed(2)}–${Math.max(...p.roundRatios).toFixed(2)}x)`;
        console.log(`      ${p.peer.padEnd(10)} ${show(p.seconds).padStart(10)}   ratio ${(p.seconds / ours).toFixed(2)}x${spread}${p.accuracy === null || p.accuracy === undefined ? '' : `, acc ${(100 * p.accuracy).toFixed(1)}%`}`);
      }
    }
  }
  results.workloads = { backend: ref, w2Limit, reps, table };
  backend.close();
}

if (only.includes('cli') && fashionMnistAvailable()) {
  // End to end (bench/cli-e2e.ts): targets wall time at most 2x the training time, peak RSS at most 300 MB.
  const cli = benchCliTrain(reps);
  results.cli = cli;
  console.log(`\nCLI: backprop train fashion-mnist --layers 128 --optimizer sgd --learning-rate 0.1 --batch-size 64 --epochs 1 --no-out (${cli.cli}, median of ${cli.runs.length})`);
  console.log(`      wall ${cli.wallSeconds.toFixed(2)} s for ${cli.trainingSeconds.toFixed(2)} s of training (${cli.ratio.toFixed(2)}x), peak RSS ${cli.maxRssMb.toFixed(0)} MB, test accuracy ${(100 * cli.testAccuracy).toFixed(1)}%`);
}

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
if (only.includes('csv')) {
  // Two sizes: the issue's 300k rows, and 1M rows, where V8's fixed costs (the background JIT
  // compiler's arenas, about 4 MB; the young generation) weigh less beside the numbers.
  results.csvParse = benchCsvParse({ reps });
  printCsvParse(results.csvParse as ReturnType<typeof benchCsvParse>);
  if (reps > 1) {
    results.csvParse1M = benchCsvParse({ rows: 1_000_000, reps: 3 });
    printCsvParse(results.csvParse1M as ReturnType<typeof benchCsvParse>);
    printMarginalMemory(results.csvParse as ReturnType<typeof benchCsvParse>, results.csvParse1M as ReturnType<typeof benchCsvParse>);
  }
}

writeFileSync(new URL('./results/latest.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote bench/results/latest.json');
