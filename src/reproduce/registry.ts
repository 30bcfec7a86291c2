/** Every seed experiment by name, in seed order, and a runner that prints its table. */
import { seed000Housing, seed000Iris } from './seed000.js';
import { seed001WorkedExample, seed001Xor } from './seed001.js';
import { seed002Iris } from './seed002.js';
import { seed003FashionMnist, seed003Mnist } from './seed003.js';
import { seed004Mnist, seed004Or } from './seed004.js';
import { formatReport } from './report.js';
import type { Experiment, ReproduceOptions, ReproduceReport } from './report.js';

/** The experiments, in seed order. */
export const EXPERIMENTS: readonly Experiment[] = [
  seed000Iris,
  seed000Housing,
  seed001WorkedExample,
  seed001Xor,
  seed002Iris,
  seed003Mnist,
  seed003FashionMnist,
  seed004Or,
  seed004Mnist,
];

/** The experiment called `name`, or a one-line error listing the names. */
export function findExperiment(name: string): Experiment {
  const found = EXPERIMENTS.find((e) => e.name === name);
  if (found === undefined) throw new Error(`unknown experiment "${name}"; known: ${EXPERIMENTS.map((e) => e.name).join(', ')}`);
  return found;
}

/** Runs one experiment, prints its table with `print`, and returns the report (check `rows[].pass`). */
export async function reproduce(name: string, options: ReproduceOptions = {}, print: (text: string) => void = console.log): Promise<ReproduceReport> {
  const report = await findExperiment(name).run(options);
  print(formatReport(report));
  return report;
}

/** True when every row of the report passes. */
export function passed(report: ReproduceReport): boolean {
  return report.rows.every((row) => row.pass);
}
