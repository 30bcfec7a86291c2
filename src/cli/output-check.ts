/**
 * Output activation × loss × task combinations that cannot train, refused before training
 * with one line (exit 2). The README's table lists every combination; a test checks it.
 */
import type { ActivationName } from '../math/activations.js';
import type { LossName } from '../math/losses.js';
import type { Task } from '../data/dataset.js';
import { UsageError } from './errors.js';

/** What decides whether an output set-up can work. */
export interface OutputSetup {
  readonly activation: ActivationName;
  readonly loss: LossName;
  readonly task: Task;
  /** Output units. */
  readonly outputs: number;
  /** One-hot target values (classification from labels), when used. */
  readonly oneHot?: { readonly on: number; readonly off: number };
}

/** Why the set-up cannot work, or undefined when it can. */
export function outputSetupProblem({ activation, loss, task, outputs, oneHot }: OutputSetup): string | undefined {
  const classLoss = loss === 'crossEntropy' || loss === 'binaryCrossEntropy';
  if (task === 'regression' && classLoss) return `${loss} is a classification loss, and this is a regression task (use mse, or --task classification)`;
  if (task === 'regression' && activation === 'softmax') return 'softmax outputs sum to 1, which no regression target does (use --output-activation linear)';
  if (activation === 'softmax' && outputs === 1) return 'softmax on one output unit always outputs 1 (use sigmoid with binaryCrossEntropy)';
  if (loss === 'crossEntropy' && activation !== 'softmax') return `crossEntropy needs a softmax output, not ${activation} (use --output-activation softmax, or binaryCrossEntropy with sigmoid)`;
  if (loss === 'binaryCrossEntropy' && activation !== 'sigmoid' && activation !== 'softmax') return `binaryCrossEntropy needs outputs in (0, 1) from sigmoid, not ${activation}`;
  if (loss === 'binaryCrossEntropy' && oneHot !== undefined && [oneHot.on, oneHot.off].some((v) => v < 0 || v > 1)) return `binaryCrossEntropy needs targets in [0, 1], and --one-hot gives ${oneHot.off},${oneHot.on}`;
  return undefined;
}

/** Throws a UsageError (one line, exit 2) when the set-up cannot work. */
export function checkOutputSetup(setup: OutputSetup): void {
  const problem = outputSetupProblem(setup);
  if (problem !== undefined) throw new UsageError(`cannot train ${setup.activation} outputs with ${setup.loss} on a ${setup.task} task: ${problem}`);
}
