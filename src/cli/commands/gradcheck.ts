/**
 * `backprop gradcheck`: builds a network of the given shape, draws seeded inputs and targets,
 * and compares back-propagation's gradients with finite differences (the library's gradcheck,
 * float64 on the reference backend), printing the worst relative error per layer.
 */
import type { Command } from 'commander';
import { createReferenceBackend } from '../../backend/reference.js';
import type { ActivationName } from '../../math/activations.js';
import type { LossName } from '../../math/losses.js';
import { Matrix } from '../../matrix.js';
import { Mlp } from '../../nn/mlp.js';
import { Random } from '../../random.js';
import { defaultLossFor } from '../../train/evaluate.js';
import { gradcheck, type LayerGradcheck } from '../../train/gradcheck.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { parseActivation, parseLayers, parseLoss } from '../options.js';
import { parseFlag } from '../numeric-flags.js';
import { progressLine } from '../progress-line.js';
import { formatTable } from '../report.js';
import { formatCount } from '../../errors/limits.js';

/** Options of `gradcheck`. */
export interface GradcheckCommandOptions {
  /** All layer sizes, input to output (default [3, 5, 4, 2]). */
  readonly sizes?: readonly number[];
  readonly activation?: ActivationName;
  readonly outputActivation?: ActivationName;
  readonly loss?: LossName;
  /** Rows of random data (default 4). */
  readonly samples?: number;
  readonly seed?: number;
  /** Largest accepted relative error (default 1e-6). */
  readonly tolerance?: number;
  /** Progress callback (values checked, total), e.g. for a line on a terminal. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The most multiply-adds a gradient check may take (4 forward passes per parameter): about half a minute here. */
export const GRADCHECK_WORK_LIMIT = 2e10;

/** What `gradcheck --json` prints. */
export interface GradcheckCommandResult {
  readonly sizes: number[];
  readonly activations: string[];
  readonly loss: LossName;
  readonly layers: LayerGradcheck[];
  readonly worst: number;
  /** Rows of data compared, and the 0-based rows left out at a ReLU kink. */
  readonly samples: number;
  readonly kinkRows: number[];
  /** Worst relative error with the kink rows in. */
  readonly worstWithKinks: number;
  readonly tolerance: number;
  readonly pass: boolean;
}

/** Runs the gradient check on a seeded network and data. */
export function gradcheckCommand(options: GradcheckCommandOptions = {}): GradcheckCommandResult {
  const sizes = [...(options.sizes ?? [3, 5, 4, 2])];
  if (sizes.length < 2) throw new UsageError(`gradcheck --layers needs at least an input and an output size, got ${sizes.join(',')}`);
  const activation = options.activation ?? 'tanh';
  const outputActivation = options.outputActivation ?? 'softmax';
  const seed = options.seed ?? 0;
  const samples = options.samples ?? 4;
  checkGradcheckWork(sizes, samples);
  const model = Mlp.create({ sizes, activation, outputActivation, seed, backend: createReferenceBackend(), dtype: 'float64' });
  const loss = options.loss ?? defaultLossFor(model);
  const random = new Random(seed + 1);
  const outputs = sizes.at(-1)!;
  const x = Matrix.zeros(samples, sizes[0]!, 'float64');
  for (let i = 0; i < x.size; i++) x.data[i] = random.normal(0, 1);
  const y = Matrix.zeros(samples, outputs, 'float64');
  for (let r = 0; r < samples; r++) {
    if (outputActivation === 'softmax' || loss === 'crossEntropy') y.set(r, random.int(outputs), 1);
    else for (let c = 0; c < outputs; c++) y.set(r, c, outputActivation === 'sigmoid' ? random.uniform(0.05, 0.95) : random.normal(0, 1));
  }
  const result = gradcheck(model, x, y, { loss, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) });
  const tolerance = options.tolerance ?? 1e-6;
  const kinks = { samples: result.samples, kinkRows: result.kinks.rows, worstWithKinks: result.kinks.worstWithThem };
  return { sizes, activations: model.layers.map((l) => l.activation), loss, layers: result.layers, worst: result.worst, ...kinks, tolerance, pass: result.samples > 0 && result.worst <= tolerance };
}

/** Refuses shapes whose finite differences would take hours: each parameter costs four forward passes over all samples. */
function checkGradcheckWork(sizes: readonly number[], samples: number): void {
  let parameters = 0;
  for (let l = 1; l < sizes.length; l++) parameters += (sizes[l - 1]! + 1) * sizes[l]!;
  const work = 4 * parameters * parameters * samples;
  if (work > GRADCHECK_WORK_LIMIT) {
    throw new UsageError(
      `gradcheck of ${sizes.join('-')} with ${samples} samples would take about ${work.toExponential(1)} multiply-adds (${formatCount(parameters)} parameters, 4 forward passes each), more than the limit of ${GRADCHECK_WORK_LIMIT.toExponential(0)}; use smaller --layers or fewer --samples`,
    );
  }
}

/** The per-layer table. */
export function formatGradcheck(result: GradcheckCommandResult): string {
  const rows = result.layers.map((l) => [String(l.layer), result.activations[l.layer - 1]!, l.weights.toExponential(2), l.bias === null ? '-' : l.bias.toExponential(2), l.worst <= result.tolerance ? 'ok' : 'FAIL']);
  const head = `gradient check of ${result.sizes.join('-')} (${result.activations.join(', ')}), loss ${result.loss}: worst relative error per layer (finite differences, float64)`;
  const verdict = `worst ${result.worst.toExponential(2)} ${result.pass ? '<=' : '>'} tolerance ${result.tolerance.toExponential(0)}: ${result.pass ? 'gradients agree' : 'GRADIENTS DISAGREE'}`;
  return `${head}\n\n${formatTable(['layer', 'activation', 'dW', 'db', ''], rows)}\n\n${kinkNote(result)}${verdict}\n`;
}

/** The line about samples left out at a ReLU kink (empty when none was). */
function kinkNote(result: GradcheckCommandResult): string {
  const left = result.kinkRows.length;
  if (left === 0) return '';
  const total = result.samples + left;
  return (
    `${left} of ${total} samples left out: a ReLU/leaky-ReLU pre-activation lies within the finite-difference step of 0 (the kink, where the loss has no derivative); ` +
    `with them the worst error is ${result.worstWithKinks.toExponential(2)}${result.samples === 0 ? '. No sample is left to check: use more --samples or another --seed' : ''}\n`
  );
}

/** Adds `gradcheck` to the program. */
export function registerGradcheck(program: Command, io: CliIo): void {
  program
    .command('gradcheck')
    .description('compare back-propagated gradients with finite differences for a network shape')
    .option('--layers <sizes>', 'all layer sizes, input to output', '3,5,4,2')
    .option('--activation <name>', 'hidden activation', 'tanh')
    .option('--output-activation <name>', 'output activation', 'softmax')
    .option('--loss <name>', 'loss (default: matches the output activation)')
    .option('--samples <n>', 'rows of random data', '4')
    .option('--seed <n>', 'seed of the weights and data', '0')
    .option('--tolerance <value>', 'largest accepted relative error', '1e-6')
    .option('--json', 'print one JSON object')
    .action((flags: Record<string, string | boolean | undefined>) => {
      const text = (key: string) => (typeof flags[key] === 'string' ? flags[key] : undefined);
      const loss = text('loss');
      const result = gradcheckCommand({
        sizes: parseLayers(text('layers') ?? ''),
        activation: parseActivation(text('activation') ?? 'tanh'),
        outputActivation: parseActivation(text('outputActivation') ?? 'softmax'),
        ...(loss === undefined ? {} : { loss: parseLoss(loss) }),
        samples: parseFlag('--samples', text('samples') ?? '4'),
        seed: parseFlag('--seed', text('seed') ?? '0'),
        tolerance: parseFlag('--tolerance', text('tolerance') ?? '1e-6'),
        ...(io.interactive ? { onProgress: progressLine(io.stderr, 'gradcheck', 'values') } : {}),
      });
      io.stdout.write(flags['json'] === true ? JSON.stringify(result) + '\n' : formatGradcheck(result));
      if (!result.pass) throw Object.assign(new Error(`gradient check failed: worst relative error ${result.worst.toExponential(2)} exceeds ${result.tolerance}`), { exitCode: 1 });
    });
}
