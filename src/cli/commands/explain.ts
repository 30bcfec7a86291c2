/**
 * `backprop explain`: the chain-rule derivation of one backpropagation step with real numbers,
 * for seed 001's classic 2-2-2 example (no arguments) or any small network given by flags,
 * printed as text, Markdown (--format md), a self-contained HTML page (--format html) or JSON
 * (--json); --matrix adds (or, for larger networks, gives) seed 000's per-layer matrix form.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  ExplainInputError,
  derive,
  explanationHtml,
  explanationJsonText,
  explanationMarkdown,
  explanationText,
  isExplainable,
  matrixViewOf,
  parseActivation,
  parseBiases,
  parseCount,
  parseLoss,
  parseNumberList,
  parsePositive,
  parseSizes,
  resolveExplainOptions,
  type DeriveOptions,
  type ExplainOptions,
} from '../../explain/index.js';
import { explainOptionsFromModel, preparedInput, preparedTarget, rawColumnsOf } from '../../explain/model-options.js';
import { cutList } from '../../errors/limits.js';
import { inputRowCells } from '../input-row.js';
import { loadModelSync } from '../../io/model-file.js';
import { parseFlag } from '../numeric-flags.js';
import { progressLine } from '../progress-line.js';

/** Where the command writes (the CLI's io object, or the process's stdout); progress goes to stderr when it is a terminal. */
interface ExplainIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
  readonly interactive?: boolean;
}

/** The flags of `backprop explain`, as commander parses them. */
interface ExplainFlags {
  readonly layers?: number[];
  readonly activation?: ExplainOptions['activation'];
  readonly outputActivation?: ExplainOptions['outputActivation'];
  readonly loss?: ExplainOptions['loss'];
  readonly lr?: number;
  readonly weights?: number[];
  readonly biases?: number[] | 'none';
  readonly seed?: number;
  /** As typed: numbers for a network given by flags, one raw row (categories as text) with --model. */
  readonly inputs?: string;
  /** As typed: numbers, or with --model a class name or raw target values (see preparedTarget). */
  readonly targets?: string;
  readonly updateBiases?: boolean;
  readonly iterations?: number;
  readonly format: 'text' | 'md' | 'markdown' | 'html';
  readonly json?: boolean;
  readonly matrix?: boolean;
  readonly model?: string;
}

/** Registers `explain` on the program; `io.stdout` receives the output (default process.stdout). */
export function registerExplainCommand(program: Command, io: ExplainIo = { stdout: process.stdout }): Command {
  return program
    .command('explain')
    .description('Walk through one backpropagation step with real numbers: forward pass, error, every chain-rule product, every update')
    .option('--layers <sizes>', 'layer sizes, inputs first, up to 4 layers of up to 4 neurons (default 2,2,2)', flag(parseSizes))
    .option('--activation <name>', 'activation of the hidden layers (default sigmoid)', flag(parseActivation))
    .option('--output-activation <name>', 'activation of the output layer (default: --activation)', flag(parseActivation))
    .option('--loss <name>', 'error function: halfSumSquares (Σ½(target−out)², default), mse, crossEntropy, binaryCrossEntropy', flag(parseLoss))
    .option('--lr <rate>', 'learning rate η (default 0.5)', flag((text) => parsePositive(text, 'learning rate')))
    .option('--weights <list>', 'starting weights w1..wN, numbered layer by layer and neuron by neuron', flag((text) => parseNumberList(text, '--weights')))
    .option('--biases <list>', 'one bias per layer (shared by its neurons), one per neuron, or "none"', flag(parseBiases))
    .option('--seed <n>', 'seed of the initialiser for weights that are not given', flag((text) => parseCount(text, '--seed')))
    .option('--inputs <list>', 'the example\'s inputs (default 0.05,0.1 for 2 inputs); with --model one raw row in the training columns\' order, text categories as in the CSV')
    .option('--targets <list>', 'the example\'s targets (default 0.01,0.99 for 2 outputs); with --model a class name, or target values in the data\'s units')
    .option('--update-biases', 'update the biases too (the walkthrough does not)')
    .option('--iterations <n>', 'also report the error after N updates', flag((text) => parseFlag('--iterations', text)))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'md', 'markdown', 'html']).default('text'))
    .option('--json', 'print the data as JSON (numbers rounded as printed)')
    .option('--matrix', 'add the per-layer matrix form (Z, A, dZ, dW, db, dA_prev); the only form for larger networks')
    .option('--model <file>', 'take layers, activations, weights, biases and loss from a model file (trained, or imported from ONNX); --inputs is a raw row, preprocessed as predict does')
    .action((flags: ExplainFlags) => {
      const progress = io.interactive === true && io.stderr !== undefined ? { onProgress: progressLine(io.stderr, 'explain', 'updates') } : {};
      const warn = io.stderr === undefined ? {} : { onWarning: (line: string) => io.stderr!.write(`${line}\n`) };
      io.stdout.write(runExplain(flags, { ...progress, ...warn }));
    });
}

/** What runExplain reports along the way: the --iterations updates, and one-line warnings (an unseen category in --inputs). */
interface ExplainWatch extends DeriveOptions {
  readonly onWarning?: (line: string) => void;
}

/** Builds the requested output (`watch.onProgress` sees the --iterations updates); throws a one-line error (exit code 2) on bad input. */
export function runExplain(flags: ExplainFlags, { onWarning, ...watch }: ExplainWatch = {}): string {
  try {
    const options = toOptions(flags, onWarning);
    const setup = resolveExplainOptions(options, flags.matrix !== true);
    const derivation = isExplainable(setup.sizes) ? derive(setup, watch) : null;
    const matrix = flags.matrix === true ? matrixViewOf(setup) : null;
    if (flags.json === true) return explanationJsonText(derivation, matrix);
    if (flags.format === 'html') return explanationHtml(derivation, matrix);
    if (flags.format === 'md' || flags.format === 'markdown') return explanationMarkdown(derivation, matrix);
    return explanationText(derivation, matrix);
  } catch (error) {
    if (error instanceof ExplainInputError) throw Object.assign(new Error(error.message), { exitCode: 2 });
    throw error;
  }
}

function toOptions(flags: ExplainFlags, onWarning?: (line: string) => void): ExplainOptions {
  const pick = <K extends keyof ExplainOptions>(key: K, value: ExplainOptions[K] | undefined) => (value === undefined ? {} : { [key]: value });
  if (flags.model !== undefined) {
    const fixed = (['layers', 'activation', 'outputActivation', 'weights', 'biases', 'seed'] as const).filter((key) => flags[key] !== undefined);
    if (fixed.length > 0) throw new ExplainInputError(`--model gives the network; drop --${fixed[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    const model = loadModelSync(flags.model);
    const columns = rawColumnsOf(model);
    if (flags.inputs === undefined && columns !== undefined) throw new ExplainInputError(`give one raw row of the model's ${columns.length} columns with --inputs (${cutList(columns)}), text categories as in the CSV`);
    const warn = onWarning === undefined ? undefined : (message: string) => onWarning(`--inputs: ${message}`);
    return {
      ...explainOptionsFromModel(model),
      ...pick('loss', flags.loss),
      ...pick('learningRate', flags.lr),
      ...pick('inputs', flags.inputs === undefined ? undefined : preparedInput(model, inputRowCells(flags.inputs, '--inputs'), warn)),
      ...pick('targets', flags.targets === undefined ? undefined : preparedTarget(model, flags.targets)),
      ...pick('updateBiases', flags.updateBiases),
      ...pick('iterations', flags.iterations),
    };
  }
  return {
    ...pick('sizes', flags.layers),
    ...pick('activation', flags.activation),
    ...pick('outputActivation', flags.outputActivation),
    ...pick('loss', flags.loss),
    ...pick('learningRate', flags.lr),
    ...pick('weights', flags.weights),
    ...pick('biases', flags.biases),
    ...pick('seed', flags.seed),
    ...pick('inputs', flags.inputs === undefined ? undefined : parseNumberList(flags.inputs, '--inputs')),
    ...pick('targets', flags.targets === undefined ? undefined : parseNumberList(flags.targets, '--targets')),
    ...pick('updateBiases', flags.updateBiases),
    ...pick('iterations', flags.iterations),
  };
}

/** A commander argument parser from one of ours: our one-line message becomes commander's "invalid argument" error. */
function flag<T>(parse: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
    }
  };
}
