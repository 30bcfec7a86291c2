/**
 * The fuzz suite's oracle. Every case runs the CLI in this process and is judged:
 * - crash: the command failed with an error that is not a BackpropError or a commander usage error
 *   (a TypeError, RangeError, "Maximum call stack" ...), or printed a stack trace;
 * - unclear: the one stderr line does not name what the case says it must (file, field, flag);
 * - accepted: a bad input the case says must be refused ended with exit 0;
 * - wrong: an accepted run printed non-finite output (null, NaN, Infinity);
 * hangs and out-of-memory kills fail the node:test case itself (timeout, dead process).
 */
import { Writable } from 'node:stream';
import { CommanderError } from 'commander';
import { BackpropError } from '../../src/errors/backprop-error.js';
import { buildProgram, exitCodeOf } from '../../src/cli/program.js';
import { oneLine } from '../../src/cli/errors.js';

/** What a case expects. */
export interface Expectation {
  /** 'refuse': must fail; 'accept': must succeed; 'either': both are fine. */
  readonly outcome: 'refuse' | 'accept' | 'either';
  /** On failure, the message must contain one of these (file name, field, flag). */
  readonly mustName: readonly string[];
  /** On success, stdout must hold only finite numbers where numbers are printed (default true). */
  readonly finiteOutput?: boolean;
}

/** The verdict of one case: undefined when it passed, else the failure class and details. */
export interface Failure {
  readonly kind: 'crash' | 'unclear' | 'accepted' | 'wrong' | 'refused';
  readonly args: readonly string[];
  readonly detail: string;
}

/** A finished in-process run. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly error: unknown;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      if (chunks.length < 10_000) chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Runs the CLI in-process, keeping the error object (runCli would only print it). */
export async function run(args: readonly string[]): Promise<Run> {
  const out = sink();
  const err = sink();
  const io = { stdout: out.stream, stderr: err.stream, interactive: false, color: false };
  let error: unknown;
  try {
    const program = await buildProgram(io);
    await program.parseAsync([...args], { from: 'user' });
  } catch (caught) {
    error = caught;
  }
  const code = error === undefined ? 0 : exitCodeOf(error);
  const stderr = err.text() + (code === 0 ? '' : `backprop: ${oneLine(error)}\n`);
  return { code, stdout: out.text(), stderr, error };
}

/** Judges one run against its expectation. */
export function judge(args: readonly string[], result: Run, expect: Expectation): Failure | undefined {
  const { code, stdout, stderr, error } = result;
  if (/^\s+at .+:\d+:\d+\)?$/m.test(stderr)) return { kind: 'crash', args, detail: `stack trace on stderr: ${stderr.slice(0, 300)}` };
  if (code !== 0) {
    const known = error instanceof BackpropError || error instanceof CommanderError;
    if (!known) return { kind: 'crash', args, detail: `${(error as Error)?.name ?? typeof error}: ${oneLine(error)}` };
    if (expect.outcome === 'accept') return { kind: 'refused', args, detail: oneLine(error) };
    const message = oneLine(error);
    if (!expect.mustName.some((name) => message.includes(name))) return { kind: 'unclear', args, detail: `"${message.slice(0, 300)}" names none of ${expect.mustName.join(' | ')}` };
    if (message.length > 2000) return { kind: 'unclear', args, detail: `a ${message.length}-character message` };
    return undefined;
  }
  if (expect.outcome === 'refuse') return { kind: 'accepted', args, detail: `exit 0; stdout ${stdout.slice(0, 200)}` };
  if (expect.finiteOutput !== false && /\b(null|NaN|-?Infinity)\b/.test(stdout)) return { kind: 'wrong', args, detail: `non-finite output: ${stdout.slice(0, 200)}` };
  return undefined;
}

/** Counts of a family's cases. */
export interface FamilyReport {
  readonly family: string;
  cases: number;
  accepted: number;
  refused: number;
  readonly failures: Failure[];
  /** How often each refusal message (its first words, file names cut) was seen. */
  readonly reasons: Map<string, number>;
}

/** A fresh report for `family`. */
export function report(family: string): FamilyReport {
  return { family, cases: 0, accepted: 0, refused: 0, failures: [], reasons: new Map() };
}

/** Runs and judges one case into `into`. */
export async function check(into: FamilyReport, args: readonly string[], expect: Expectation): Promise<void> {
  const result = await run(args);
  into.cases++;
  if (result.code === 0) into.accepted++;
  else {
    into.refused++;
    const reason = oneLine(result.error).replace(/\/tmp\/\S+/g, 'FILE').replace(/\d+(\.\d+)?/g, 'N').slice(0, 70);
    into.reasons.set(reason, (into.reasons.get(reason) ?? 0) + 1);
  }
  const failure = judge(args, result, expect);
  if (failure !== undefined) into.failures.push(failure);
}

/** One line for the log: `csv: 120 cases (80 refused, 40 accepted), 0 failures`. */
export function summary(r: FamilyReport): string {
  const byKind = new Map<string, number>();
  for (const f of r.failures) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([k, n]) => `${n} ${k}`).join(', ');
  return `${r.family}: ${r.cases} cases (${r.refused} refused, ${r.accepted} accepted), ${r.failures.length} failures${kinds === '' ? '' : ` (${kinds})`}`;
}

/** How many cases each family runs: FUZZ_CASES scales them (npm run fuzz sets it high); default: the bounded set for npm test. */
export function caseCount(bounded: number): number {
  const scale = Number(process.env['FUZZ_SCALE'] ?? '1');
  return Math.max(1, Math.round(bounded * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** The seed of the run (FUZZ_SEED, default 15): the same seed gives the same cases. */
export function fuzzSeed(): number {
  const seed = Number(process.env['FUZZ_SEED'] ?? '15');
  return Number.isInteger(seed) ? seed : 15;
}
