/**
 * `backprop reproduce [experiment]`: runs one of the seed experiments of src/reproduce (the
 * data module's registry) and prints the seed's reported figure beside ours; exits 1 when a
 * figure misses its tolerance. Without a name it lists the experiments; with --all it runs them all and
 * prints one table (exit 1 on any miss).
 */
import type { Command } from 'commander';
import { EXPERIMENTS, formatAll, formatReport, passed, reproduceAll } from '../../reproduce/index.js';
import type { ReproduceOptions, ReproduceReport } from '../../reproduce/index.js';
import { UsageError, unknownName } from '../errors.js';
import type { CliIo } from '../io.js';
import { pickName } from '../options.js';

/** Runs the experiment `name` (a one-line error with "did you mean" for unknown names). */
export async function reproduceCommand(name: string, options: ReproduceOptions = {}): Promise<ReproduceReport> {
  const experiment = EXPERIMENTS.find((e) => e.name === name);
  if (experiment === undefined) throw unknownName('experiment', name, EXPERIMENTS.map((e) => e.name));
  return experiment.run(options);
}

/** Adds `reproduce` to the program. */
export function registerReproduce(program: Command, io: CliIo): void {
  program
    .command('reproduce')
    .description("run a seed experiment and print the seed's reported figure beside ours")
    .argument('[experiment]', 'experiment name (omit to list them)')
    .option('--variant <variant>', 'faithful, exact or both (where the seed has a quirk)', 'both')
    .option('--data-path <path>', 'cal_housing.csv for seed000-housing, the MNIST or Fashion-MNIST directory for the image experiments')
    .option('--backend <name>', 'default (fastest available) or reference')
    .option('--json', 'print one JSON object')
    .option('--all', 'run every experiment and print one table; exits 1 on any miss')
    .option('--require-data', 'with --all: an experiment whose data set is not on this machine counts as a miss')
    .action(async (name: string | undefined, flags: Record<string, unknown>) => {
      if (flags['all'] === true) {
        if (name !== undefined) throw new UsageError(`give either an experiment name ("${name}") or --all, not both`);
        await runAll(io, flags);
        return;
      }
      if (flags['requireData'] === true) throw new UsageError('--require-data goes with --all');
      if (name === undefined) {
        io.stdout.write(EXPERIMENTS.map((e) => `${e.name.padEnd(24)} ${e.title}`).join('\n') + '\n');
        return;
      }
      const variant = pickName('variant', String(flags['variant']), ['faithful', 'exact', 'both'] as const);
      const dataPath = typeof flags['dataPath'] === 'string' ? flags['dataPath'] : undefined;
      const paths = dataPath === undefined ? {} : name.includes('housing') ? { housingPath: dataPath } : name.includes('fashion') ? { fashionDir: dataPath } : { mnistDir: dataPath };
      const backendName = typeof flags['backend'] === 'string' ? pickName('backend', flags['backend'], ['default', 'reference'] as const) : 'default';
      const backend = backendName === 'reference' ? { backend: (await import('../../backend/reference.js')).createReferenceBackend() } : {};
      const report = await reproduceCommand(name, { variant, ...paths, ...backend });
      io.stdout.write(flags['json'] === true ? JSON.stringify(report) + '\n' : formatReport(report) + '\n');
      if (!passed(report)) {
        const missed = report.rows.filter((r) => !r.pass).length;
        throw Object.assign(new Error(`${report.name}: ${missed} figure(s) missed their target`), { exitCode: 1 });
      }
    });
}

/** `reproduce --all`: every experiment, a progress line each on stderr, one table on stdout. */
async function runAll(io: CliIo, flags: Record<string, unknown>): Promise<void> {
  if (typeof flags['dataPath'] === 'string') throw new UsageError('--data-path names the data of one experiment; it does not go with --all');
  const variant = pickName('variant', String(flags['variant']), ['faithful', 'exact', 'both'] as const);
  const backendName = typeof flags['backend'] === 'string' ? pickName('backend', flags['backend'], ['default', 'reference'] as const) : 'default';
  const backend = backendName === 'reference' ? { backend: (await import('../../backend/reference.js')).createReferenceBackend() } : {};
  const requireData = flags['requireData'] === true;
  const result = await reproduceAll({
    variant,
    ...backend,
    requireData,
    onStart: (position, count, experiment) => io.stderr.write(`[${position}/${count}] ${experiment.name}: ${experiment.title}\n`),
  });
  if (flags['json'] === true) {
    const outcomes = result.outcomes.map((o) => ({ name: o.experiment.name, ...(o.report === undefined ? { notRun: o.notRun } : { report: o.report }) }));
    io.stdout.write(JSON.stringify({ passed: result.passed, misses: result.misses, outcomes }) + '\n');
  } else {
    io.stdout.write(formatAll(result, requireData) + '\n');
  }
  if (!result.passed) throw Object.assign(new Error(`reproduce --all: ${result.misses} miss(es)`), { exitCode: 1 });
}
