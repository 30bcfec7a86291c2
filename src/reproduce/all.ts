/**
 * Every seed experiment in one run (`backprop reproduce --all`): one table of the seed's figure, ours,
 * the bound it is held to and whether it passes. An experiment whose data is not on this machine is
 * listed as not run, with the reason, and counts as a miss only when `requireData` is set (CI sets it).
 */
import { EXPERIMENTS } from './registry.js';
import type { Experiment, ReproduceOptions, ReproduceReport } from './report.js';

/** One experiment's outcome: its report, or why it did not run. */
export interface AllOutcome {
  readonly experiment: Experiment;
  readonly report?: ReproduceReport;
  readonly notRun?: string;
}

/** What `reproduceAll` returns: every outcome, and whether the run as a whole passes. */
export interface AllResult {
  readonly outcomes: readonly AllOutcome[];
  /** Rows that missed their bound, plus (with `requireData`) experiments that could not run. */
  readonly misses: number;
  readonly passed: boolean;
}

/** Options of `reproduceAll`. */
export interface ReproduceAllOptions extends ReproduceOptions {
  /** Count an experiment whose data is missing as a miss (default false). */
  readonly requireData?: boolean;
  /** Called before each experiment starts: position (1-based), count, experiment. */
  readonly onStart?: (position: number, count: number, experiment: Experiment) => void;
  /** The experiments to run (default: all of EXPERIMENTS, in seed order). */
  readonly experiments?: readonly Experiment[];
}

/** Runs every experiment in turn; a missing data set is reported, never thrown. */
export async function reproduceAll(options: ReproduceAllOptions = {}): Promise<AllResult> {
  const { requireData = false, onStart, experiments = EXPERIMENTS, ...runOptions } = options;
  const outcomes: AllOutcome[] = [];
  for (const [index, experiment] of experiments.entries()) {
    onStart?.(index + 1, experiments.length, experiment);
    const missing = experiment.missingData?.(runOptions);
    outcomes.push(missing === undefined ? { experiment, report: await experiment.run(runOptions) } : { experiment, notRun: missing });
  }
  const missedRows = outcomes.reduce((sum, o) => sum + (o.report?.rows.filter((r) => !r.pass).length ?? 0), 0);
  const notRun = outcomes.filter((o) => o.notRun !== undefined).length;
  const misses = missedRows + (requireData ? notRun : 0);
  return { outcomes, misses, passed: misses === 0 };
}

/** The outcomes as one fixed-width table (experiment, metric, variant, seed, ours, bound, pass), then the reasons for anything not run. */
export function formatAll(result: AllResult, requireData = false): string {
  const number = (v: number | undefined): string => (v === undefined ? '—' : Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(3) : Number(v.toPrecision(6)).toString());
  const header = ['experiment', 'metric', 'variant', 'seed', 'ours', 'bound', 'pass'];
  const rows: string[][] = [];
  const reasons: string[] = [];
  for (const { experiment, report, notRun } of result.outcomes) {
    if (report === undefined) {
      rows.push([experiment.name, '(not run: data missing)', '', '', '', '', requireData ? 'NO' : 'skip']);
      reasons.push(`  ${experiment.name} not run: ${notRun ?? 'no reason given'}`);
      continue;
    }
    for (const r of report.rows) rows.push([experiment.name, r.metric, r.variant, number(r.seedReported), number(r.ours), r.tolerance, r.pass ? 'yes' : 'NO']);
  }
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  const ran = result.outcomes.filter((o) => o.report !== undefined).length;
  const summary = `${ran} of ${result.outcomes.length} experiments run, ${result.misses === 0 ? 'all figures within their bounds' : `${result.misses} miss(es)`}`;
  return [line(header), ...rows.map(line), ...reasons, summary].join('\n');
}
