/**
 * The flags of `backprop train`, declared for commander as plain strings and parsed here into
 * TrainCommandOptions, so every bad value gets our one-line message.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import {
  parseActivation,
  parseBatchSize,
  parseLayers,
  parseLoss,
  parseOneHot,
  parseOptimizerName,
  parseTransforms,
  pickName,
} from '../options.js';
import { TRAINING_DEFAULTS, defaultFlagText } from '../../train/defaults.js';
import { parseFlag } from '../numeric-flags.js';
import type { TrainCommandOptions } from './train-config.js';
import { parseCsvFlags } from './csv-flags.js';

/** Declares the training flags on `command` (shared by train and anything that trains). */
export function addTrainOptions(command: Command): Command {
  return command
    .option('--layers <sizes>', 'hidden layer sizes, comma-separated, or "none"', defaultFlagText('hiddenLayers'))
    .option('--activation <name>', 'hidden activation: sigmoid, tanh, relu, leakyRelu, linear', defaultFlagText('activation'))
    .option('--output-activation <name>', 'output activation (default: softmax for classes, sigmoid for one 0/1 target, linear for values)')
    .option('--loss <name>', 'mse, halfSumSquares, crossEntropy, binaryCrossEntropy (default: matches the output activation)')
    .option('--optimizer <name>', 'sgd, momentum, nesterov, adam', defaultFlagText('optimizer'))
    .option('--learning-rate <rate>', 'learning rate', defaultFlagText('learningRate'))
    .option('--momentum <value>', 'momentum of momentum/nesterov (default 0.9)')
    .option('--weight-decay <value>', 'L2 weight decay (default 0)')
    .option('--schedule <spec>', 'learning-rate schedule: constant, step:N,GAMMA, exponential:GAMMA, cosine[:MIN]')
    .option('--epochs <n>', 'passes over the training data', defaultFlagText('epochs'))
    .option('--batch-size <n>', 'rows per step: a number (1 = per-sample) or "full"', defaultFlagText('batchSize'))
    .option('--init <spec>', 'weights: heNormal, heUniform, xavierNormal, xavierUniform, fanIn, fanOut, normal:SD, uniform:LOW,HIGH, constant:V')
    .option('--no-bias', 'layers without biases')
    .option('--fixed-biases', 'keep biases at their initial values (seed 001)')
    .option('--no-shuffle', 'keep the row order every epoch (seed 003)')
    .option('--seed <n>', 'seed of the weights, split and shuffling', defaultFlagText('seed'))
    .option('--test-split <fraction>', 'fraction held out as the test part when the data has none (0 = no test part; default 0.2, or 0 under 20 rows)')
    .option('--validation-split <fraction>', 'fraction of the training part held out for validation', defaultFlagText('validationSplit'))
    .option('--early-stopping <patience>', 'stop after this many epochs without improvement, keeping the best weights')
    .option('--inputs <chain>', 'input preprocessing joined by +: none, standardize, minmax[:LOW,HIGH], l2, pixels[:LOW,HIGH], affine:SCALE,SHIFT')
    .option('--targets <chain>', 'regression target preprocessing: none, standardize, minmax[:LOW,HIGH]')
    .option('--one-hot <off,on>', 'one-hot target values, e.g. 0.01,0.99 (seed 003)')
    .option('--target <column>', 'CSV target column: header name or 0-based index (default: the one column named label/target/class/y, else the last)')
    .option('--task <task>', 'auto (default), classification or regression: what the CSV target means')
    .option('--features <columns>', 'CSV input columns only these (names or 0-based indices, comma-separated)')
    .option('--ignore <columns>', 'CSV columns that are not inputs (names or 0-based indices, comma-separated)')
    .option('--categorical <columns>', 'CSV numeric-looking columns to one-hot encode as categories (zip codes, product codes)')
    .option('--missing <policy>', 'missing CSV cells: error (default), drop, mean, median, most-frequent')
    .option('--unknown-category <rule>', 'categories unseen in training at predict time: ignore (all zeros, a warning; default) or error')
    .option('--delimiter <char>', 'CSV field separator: auto (default: detected), ",", ";", tab, "|"')
    .option('--decimal <mark>', 'CSV decimal mark: "." or "," (default "."; with ";" the one the cells use)')
    .option('--na-values <list>', "CSV cells that also mean missing, comma-separated, e.g. '?,-' (besides pandas' defaults: empty, NA, N/A, NaN, null, None, #N/A, ...)")
    .option('--no-default-na', "CSV: only the empty cell and --na-values are missing, not pandas' default markers")
    .option('--thousands <char>', 'CSV thousands separator inside numbers, e.g. "," reads "1,234" as 1234 (default none)')
    .option('--comment <char>', 'CSV lines starting with this character are skipped (default: none)')
    .option('--skip-rows <n>', 'CSV lines skipped at the start, before the header (default 0), as pandas\' skiprows')
    .option('--header', 'the first CSV row names the columns (default: guessed from the first 20 rows)')
    .option('--no-header', 'the first CSV row is data: columns are named column1, column2, ...')
    .option('--encoding <name>', 'CSV text encoding: utf-8 (default), latin1 or windows-1252')
    .option('--data-path <path>', 'census file for california-housing, or directory of files for mnist/fashion-mnist')
    .option('--download', 'download a missing data set into the cache (~/.cache/backprop)')
    .option('--output-gradient <form>', 'exact, or seed003 (the output error without the activation derivative)', 'exact')
    .option('--backend <name>', 'default (fastest available), reference (plain TypeScript) or webgpu (the GPU, through WebGPU)', 'default')
    .option('--save <file>', 'also save the trained model to this file')
    .option('--out <dir>', 'run folder (default runs/<timestamp>-<dataset>)')
    .option('--no-out', 'write no run folder')
    .option('--log-every <n>', 'print every Nth epoch line (default: about 20 lines per run)')
    .option('--json', 'print one JSON object with the results on stdout (progress goes to stderr)')
    .option('--quiet', 'no progress bars and no chart: a plain log');
}

const string = (flags: Record<string, unknown>, key: string): string | undefined => (typeof flags[key] === 'string' ? (flags[key] as string) : undefined);

/** Parses the raw flag strings into options; throws a UsageError on the first bad value. */
export function commandToTrainOptions(dataset: string, flags: Record<string, unknown>): TrainCommandOptions {
  const s = (key: string) => string(flags, key);
  const opt = <T>(key: string, parse: (text: string) => T): T | undefined => {
    const text = s(key);
    return text === undefined ? undefined : parse(text);
  };
  const target = opt('target', (t) => (/^-?\d+$/.test(t) ? Number(t) : t));
  const outputGradient = opt('outputGradient', (t) => pickName('output gradient', t, ['exact', 'seed003'] as const));
  const backend = opt('backend', (t) => pickName('backend', t, ['default', 'reference', 'webgpu'] as const));
  const out = flags['out'] === false ? false : s('out');
  const patience = opt('earlyStopping', (t) => parseFlag('--early-stopping', t));
  const validationSplit = opt('validationSplit', (t) => parseFlag('--validation-split', t));
  opt('logEvery', (t) => parseFlag('--log-every', t));
  const values: TrainCommandOptions = {
    dataset,
    layers: opt('layers', parseLayers) ?? [...TRAINING_DEFAULTS.hiddenLayers],
    activation: opt('activation', parseActivation) ?? TRAINING_DEFAULTS.activation,
    optimizer: opt('optimizer', parseOptimizerName) ?? TRAINING_DEFAULTS.optimizer,
    epochs: opt('epochs', (t) => parseFlag('--epochs', t)) ?? TRAINING_DEFAULTS.epochs,
    batchSize: opt('batchSize', parseBatchSize) ?? TRAINING_DEFAULTS.batchSize,
    seed: opt('seed', (t) => parseFlag('--seed', t)) ?? TRAINING_DEFAULTS.seed,
    bias: flags['bias'] !== false,
    updateBiases: flags['fixedBiases'] !== true,
    shuffle: flags['shuffle'] !== false,
    download: flags['download'] === true,
    outputGradient: outputGradient === 'seed003' ? 'rawErrorBackward' : 'exact',
    backend: backend ?? 'default',
    ...(out === undefined ? {} : { out }),
  };
  const extra: { [K in keyof TrainCommandOptions]?: TrainCommandOptions[K] | undefined } = {
    outputActivation: opt('outputActivation', parseActivation),
    loss: opt('loss', parseLoss),
    learningRate: opt('learningRate', (t) => parseFlag('--learning-rate', t)),
    momentum: opt('momentum', (t) => parseFlag('--momentum', t)),
    weightDecay: opt('weightDecay', (t) => parseFlag('--weight-decay', t)),
    schedule: s('schedule'),
    init: s('init'),
    validationSplit,
    testSplit: opt('testSplit', (t) => parseFlag('--test-split', t)),
    earlyStopping: patience,
    inputs: opt('inputs', parseTransforms),
    targets: opt('targets', parseTransforms),
    oneHot: opt('oneHot', parseOneHot),
    target,
    dataPath: s('dataPath'),
    save: s('save'),
    ...parseCsvFlags(flags),
  };
  if (values.seed !== undefined && !Number.isInteger(values.seed)) throw new UsageError(`seed must be a whole number, got ${values.seed}`);
  const defined = Object.fromEntries(Object.entries({ ...values, ...extra }).filter(([, v]) => v !== undefined));
  return defined as unknown as TrainCommandOptions;
}
