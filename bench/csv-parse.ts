/**
 * CSV parsing beside pandas: a generated regression file (default 300,000 rows × 5 columns,
 * about 16 MB) read by backprop's readCsvFile and by pandas.read_csv, each run in a fresh
 * process, the two sides taking turns (ours, pandas, ours, ...) so that a shared machine's drift
 * falls on both; medians with min–max, throughput in MB/s, and peak resident memory over the
 * process's resident memory before the read, also as a multiple of the numbers' float32 size
 * (rows × columns × 4 bytes).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One side's figures (medians). */
export interface CsvParseRun {
  readonly parser: string;
  readonly seconds: number;
  readonly minSeconds: number;
  readonly maxSeconds: number;
  readonly megabytesPerSecond: number;
  readonly peakExtraMegabytes: number;
  readonly runs: number;
}

/** A regression CSV of `rows` × `columns` (the last column the target), deterministic. */
export function writeRegressionCsv(path: string, rows: number, columns: number): void {
  let state = 12345;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines: string[] = [Array.from({ length: columns }, (_, c) => (c === columns - 1 ? 'y' : `x${c}`)).join(',')];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    let y = 0;
    for (let c = 0; c < columns - 1; c++) {
      const v = next() * 200 - 100;
      y += v * ((c % 3) - 1);
      cells.push(v.toFixed(6));
    }
    cells.push(y.toFixed(6));
    lines.push(cells.join(','));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

// String.raw: the regular expression's \s and \d must reach Python as written (a plain template
// literal drops the backslashes, the search then fails, and getrusage's maxRSS, inherited from this
// large process across fork and exec, stood for both sizes: a peak extra of 0).
const PANDAS = String.raw`
import sys, time, resource, re, pandas as pd
def status(field):
    try:
        return int(re.search(r'^' + field + r':\s+(\d+) kB$', open('/proc/self/status').read(), re.M).group(1)) * 1024
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
base = status('VmRSS')
t = time.perf_counter(); df = pd.read_csv(sys.argv[1]); s = time.perf_counter() - t
print('{"seconds": %f, "peakRssBytes": %d, "baseRssBytes": %d, "rows": %d}' % (s, status('VmHWM'), base, len(df)))
`;

/** One run's figures as its child prints them. */
type Sample = { seconds: number; peakRssBytes: number; baseRssBytes: number; rows: number };

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function runChild(command: string, args: string[]): Sample {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr.slice(0, 300)}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Sample;
}

/**
 * Times both parsers on one generated file, `reps` turns each (at least 5 unless reps is 1, the
 * quick run); pandas is left out when /usr/bin/python3 cannot import it.
 */
export function benchCsvParse({ rows = 300_000, columns = 5, reps = 3 } = {}): { file: { rows: number; columns: number; megabytes: number; float32Megabytes: number }; runs: CsvParseRun[] } {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-csv-bench-'));
  const path = join(dir, 'regression.csv');
  try {
    writeRegressionCsv(path, rows, columns);
    const megabytes = statSync(path).size / 1e6;
    const child = fileURLToPath(new URL('./csv-parse-child.ts', import.meta.url));
    const sides: { parser: string; command: string; args: string[]; samples: Sample[]; skipped: boolean }[] = [
      { parser: 'backprop readCsvFile', command: process.execPath, args: ['--import', 'tsx', child, path], samples: [], skipped: false },
      { parser: 'pandas.read_csv', command: '/usr/bin/python3', args: ['-c', PANDAS, path], samples: [], skipped: false },
    ];
    const turns = reps <= 1 ? 1 : Math.max(5, reps);
    for (let turn = 0; turn < turns; turn++) {
      for (const side of sides) {
        if (side.skipped) continue;
        try {
          const sample = runChild(side.command, side.args);
          if (sample.rows !== rows) throw new Error(`read ${sample.rows} rows, not ${rows}`);
          side.samples.push(sample);
        } catch (error) {
          console.log(`skipping ${side.parser}: ${(error as Error).message.split('\n')[0]}`);
          side.skipped = true;
        }
      }
    }
    const runs: CsvParseRun[] = sides
      .filter((side) => !side.skipped)
      .map(({ parser, samples }) => {
        const times = samples.map((s) => s.seconds);
        const seconds = median(times);
        return { parser, seconds, minSeconds: Math.min(...times), maxSeconds: Math.max(...times), megabytesPerSecond: megabytes / seconds, peakExtraMegabytes: median(samples.map((s) => (s.peakRssBytes - s.baseRssBytes) / 1e6)), runs: samples.length };
      });
    return { file: { rows, columns, megabytes, float32Megabytes: (rows * columns * 4) / 1e6 }, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the comparison table. */
export function printCsvParse(result: ReturnType<typeof benchCsvParse>): void {
  const { file, runs } = result;
  console.log(`\nCSV parsing: ${file.rows.toLocaleString('en-US')} rows × ${file.columns} columns, ${file.megabytes.toFixed(1)} MB of text, ${file.float32Megabytes.toFixed(1)} MB as float32 (medians of ${runs[0]?.runs ?? 0} runs taking turns, each in a fresh process)`);
  console.log(`${'parser'.padEnd(24)}${'seconds'.padStart(9)}${'min–max'.padStart(15)}${'MB/s'.padStart(7)}${'peak extra MB'.padStart(15)}${'× float32'.padStart(11)}`);
  for (const r of runs) {
    const spread = `${r.minSeconds.toFixed(3)}–${r.maxSeconds.toFixed(3)}`;
    console.log(`${r.parser.padEnd(24)}${r.seconds.toFixed(3).padStart(9)}${spread.padStart(15)}${r.megabytesPerSecond.toFixed(0).padStart(7)}${r.peakExtraMegabytes.toFixed(0).padStart(15)}${(r.peakExtraMegabytes / file.float32Megabytes).toFixed(1).padStart(11)}`);
  }
  const [ours, pandas] = runs;
  if (ours !== undefined && pandas !== undefined) console.log(`backprop / pandas: ${(ours.seconds / pandas.seconds).toFixed(2)}× the time, ${(ours.peakExtraMegabytes / pandas.peakExtraMegabytes).toFixed(2)}× the peak extra memory`);
}

/**
 * The memory each further number costs, from two runs of different sizes: (peak extra at the
 * larger − at the smaller) / (float32 MB at the larger − at the smaller), per parser. What does
 * not grow with the data (V8's background compiler arenas, the young generation) falls out.
 */
export function printMarginalMemory(small: ReturnType<typeof benchCsvParse>, large: ReturnType<typeof benchCsvParse>): void {
  const extra = large.file.float32Megabytes - small.file.float32Megabytes;
  const lines = large.runs.map((run) => {
    const before = small.runs.find((r) => r.parser === run.parser);
    return before === undefined ? undefined : `${run.parser} ${((run.peakExtraMegabytes - before.peakExtraMegabytes) / extra).toFixed(2)}×`;
  });
  console.log(`\nMemory per further number, ${small.file.rows.toLocaleString('en-US')} → ${large.file.rows.toLocaleString('en-US')} rows (× its float32 size): ${lines.filter((l) => l !== undefined).join(', ')}`);
}
