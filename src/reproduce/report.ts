/**
 * The shape of a reproduction: rows of the seed's reported figure beside ours, each with the
 * tolerance it is held to and whether it passes.
 */
import type { Backend } from '../backend/backend.js';

/** One compared figure. `seedReported` is undefined when the seed prints no number for it. */
export interface ReproduceRow {
  readonly metric: string;
  /** 'faithful' (the seed's own arithmetic, quirks included) or 'exact' (the true gradient). */
  readonly variant: 'faithful' | 'exact' | 'both';
  readonly seedReported: number | undefined;
  readonly ours: number;
  /** The pass rule in words, e.g. '>= 0.95' or '±1e-9'. */
  readonly tolerance: string;
  readonly pass: boolean;
}

/** The outcome of one experiment. */
export interface ReproduceReport {
  readonly name: string;
  readonly title: string;
  /** What differs between the variants and from the seed (split, data subset, ...). */
  readonly notes: readonly string[];
  readonly rows: readonly ReproduceRow[];
  readonly seconds: number;
}

/** Options every experiment accepts. */
export interface ReproduceOptions {
  /** Backend for the training (default: the default backend). */
  readonly backend?: Backend;
  /** Which variants to run where a seed has a quirk (default: both). */
  readonly variant?: 'faithful' | 'exact' | 'both';
  /** cal_housing.csv for seed000-housing (default: the loader's default locations). */
  readonly housingPath?: string;
  /** Directory of MNIST IDX files or seed 003 CSVs (default: the 10,000 digits shipped in data/mnist). */
  readonly mnistDir?: string;
  /** Directory of the Fashion-MNIST IDX files (default: the loader's default locations). */
  readonly fashionDir?: string;
}

/** One reproducible experiment. */
export interface Experiment {
  readonly name: string;
  readonly title: string;
  /** Why the experiment cannot run here (its data is not on this machine), or undefined when it can. */
  missingData?(options?: ReproduceOptions): string | undefined;
  run(options?: ReproduceOptions): Promise<ReproduceReport>;
}

type Variant = ReproduceRow['variant'];

/** A row that passes when ours >= minimum. */
export function atLeast(metric: string, variant: Variant, seedReported: number | undefined, ours: number, minimum: number): ReproduceRow {
  return { metric, variant, seedReported, ours, tolerance: `>= ${minimum}`, pass: ours >= minimum };
}

/** A row that passes when ours <= maximum. */
export function atMost(metric: string, variant: Variant, seedReported: number | undefined, ours: number, maximum: number): ReproduceRow {
  return { metric, variant, seedReported, ours, tolerance: `<= ${maximum}`, pass: ours <= maximum };
}

/** A row that passes when |ours − seedReported| <= atol. */
export function near(metric: string, variant: Variant, seedReported: number, ours: number, atol: number): ReproduceRow {
  return { metric, variant, seedReported, ours, tolerance: `±${atol}`, pass: Math.abs(ours - seedReported) <= atol };
}

/** A row shown for information only (always passes). */
export function shown(metric: string, variant: Variant, seedReported: number | undefined, ours: number): ReproduceRow {
  return { metric, variant, seedReported, ours, tolerance: 'shown', pass: true };
}

/** Whether a variant should run under the options. */
export function wants(options: ReproduceOptions, variant: 'faithful' | 'exact'): boolean {
  return (options.variant ?? 'both') === 'both' || options.variant === variant;
}

/** The report as a fixed-width text table, one row per figure, plus the notes. */
export function formatReport(report: ReproduceReport): string {
  // Figures held to a tolerance finer than 1e-4 are shown with the digits that tolerance needs.
  const digitsFor = (r: ReproduceRow): number => {
    const atol = r.tolerance.startsWith('±') ? Number(r.tolerance.slice(1)) : NaN;
    return Number.isFinite(atol) && atol < 1e-4 ? Math.min(12, Math.ceil(-Math.log10(atol))) : 4;
  };
  const number = (v: number | undefined, digits: number): string =>
    v === undefined ? '—' : Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(Math.max(4, digits - 4)) : v.toFixed(digits);
  const header = ['metric', 'variant', 'seed', 'ours', 'tolerance', 'pass'];
  const rows = report.rows.map((r) => [r.metric, r.variant, number(r.seedReported, digitsFor(r)), number(r.ours, digitsFor(r)), r.tolerance, r.pass ? 'yes' : 'NO']);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [`${report.name}: ${report.title} (${report.seconds.toFixed(1)} s)`, line(header), ...rows.map(line), ...report.notes.map((n) => `  note: ${n}`)].join('\n');
}

/** Seconds since `start` (a performance.now() value). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}
