/**
 * `backprop reproduce [experiment]`: runs one of the seed experiments of src/reproduce (the
 * data module's registry) and prints the seed's reported figure beside ours; exits 1 when a
 * figure misses its tolerance. Without a name it lists the experiments.
 */
import type { Command } from 'commander';
import { EXPERIMENTS, formatReport, passed } from '../../reproduce/index.js';
import type { ReproduceOptions, ReproduceReport } from '../../reproduce/index.js';
import { unknownName } from '../errors.js';
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
    .action(async (name: string | undefined, flags: Record<string, unknown>) => {
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
