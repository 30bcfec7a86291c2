/**
 * `backprop inspect <model.json>` and `backprop summary <model.json>`: layers, shapes,
 * parameter counts and activations; for small networks (or with --weights) every weight and
 * bias, numbered w1, w2, ... as `backprop explain` numbers them (seed 001's walkthrough); with --input, every Z and A of one row.
 */
import type { Command } from 'commander';
import { prepareInputs } from '../../data/preprocessing.js';
import { describeColumns } from '../column-summary.js';
import { prepareRawRows } from '../../data/raw-rows.js';
import { EncodingError } from '../../data/encoding.js';
import { Matrix } from '../../matrix.js';
import type { Mlp } from '../../nn/mlp.js';
import type { CliIo } from '../io.js';
import { readModelFile } from '../model-file.js';
import { parseNumber } from '../options.js';
import { inputRowCells } from '../input-row.js';
import { formatTable } from '../report.js';
import { UsageError } from '../errors.js';
import { formatCount } from '../../errors/limits.js';

/** Networks with at most this many parameters print every weight by default. */
export const SMALL_NETWORK_PARAMETERS = 100;

/** One layer as `inspect --json` reports it. */
export interface LayerInfo {
  readonly layer: number;
  readonly inputs: number;
  readonly units: number;
  readonly activation: string;
  readonly bias: boolean;
  readonly parameters: number;
  /** W as rows (inputs x units) and b, when weights are shown. */
  readonly W?: number[][];
  readonly b?: number[];
}

/** What `inspect --json` prints. */
export interface InspectResult {
  readonly file: string;
  readonly sizes: number[];
  readonly parameters: number;
  readonly dtype: string;
  readonly metadata: Record<string, unknown>;
  readonly layers: LayerInfo[];
  /** Why W and b are left out: 'large' (more than SMALL_NETWORK_PARAMETERS, no --weights) or 'asked' (--no-weights); absent when shown. */
  readonly weightsHidden?: 'large' | 'asked';
  /** Tables: how the columns became inputs ("inputs: 9 from 4 columns: colour (3 categories), ..."). */
  readonly inputs?: string;
  /** With an input row: the raw cells as given, the prepared network inputs, and every layer's Z and A. */
  readonly forward?: { readonly input: (number | string)[]; readonly prepared: number[]; readonly Z: number[][]; readonly A: number[][] };
}

/**
 * Describes a model file; `weights` forces (true) or hides (false) the weights, `input` runs
 * one raw row forward: cells in the training columns' order, text categories and numeric text
 * as `predict` reads them (an empty cell is missing), through the model's preprocessing.
 */
export async function inspectCommand(options: { model: string; weights?: boolean; input?: readonly (number | string)[]; onWarning?: (line: string) => void }): Promise<InspectResult> {
  const { model, preprocessing } = await readModelFile(options.model);
  const showWeights = options.weights ?? model.parameterCount <= SMALL_NETWORK_PARAMETERS;
  const layers = model.layers.map((l, i): LayerInfo => ({
    layer: i + 1,
    inputs: l.inputSize,
    units: l.units,
    activation: l.activation,
    bias: l.useBias,
    parameters: l.parameterCount,
    ...(showWeights ? { W: l.W.toArray(), ...(l.b === null ? {} : { b: l.b.rowArray(0) }) } : {}),
  }));
  const { preprocessing: _omit, ...metadata } = model.metadata;
  const inputs = describeColumns(preprocessing);
  const hidden = showWeights ? {} : { weightsHidden: options.weights === false ? ('asked' as const) : ('large' as const) };
  const result: InspectResult = { file: options.model, sizes: model.sizes, parameters: model.parameterCount, dtype: model.dtype, metadata, layers, ...hidden, ...(inputs === undefined ? {} : { inputs }) };
  if (options.input === undefined) return result;
  const encoding = preprocessing.encoding;
  const expected = encoding === undefined ? model.inputSize : encoding.columns.length;
  if (options.input.length !== expected) throw new UsageError(`--input has ${options.input.length} values but the model expects ${expected}${encoding === undefined ? '' : ` raw columns (${preprocessing.featureNames.join(', ')})`}`);
  const input = options.input;
  const x =
    encoding === undefined
      ? prepareInputs(preprocessing, Matrix.from([input.map((v, i) => (typeof v === 'number' ? v : parseNumber(`--input value ${i + 1}`, v)))], 'float64')).clone(model.dtype)
      : inputAsUsage(() => prepareRawRows(preprocessing, [input], { dtype: model.dtype, rowName: () => '--input', warn: (m) => (options.onWarning ?? ((line: string) => process.stderr.write(`${line}\n`)))(`--input: ${m}`) }));
  return { ...result, forward: { input: [...input], prepared: Array.from(x.data.subarray(0, x.cols)), ...forwardValues(model, x) } };
}

/** A cell of `--input` the model cannot read (text in a numeric column, a gap it cannot fill) is a mistake in the flag: a UsageError. */
function inputAsUsage<T>(prepare: () => T): T {
  try {
    return prepare();
  } catch (error) {
    if (error instanceof EncodingError) throw new UsageError(error.message);
    throw error;
  }
}

/** Z and A of every layer for one prepared row. */
function forwardValues(model: Mlp, x: Matrix): { Z: number[][]; A: number[][] } {
  const buffers = model.buffers(1);
  buffers.X.data.set(x.data);
  model.forward(buffers);
  return { Z: buffers.Z.map((z) => Array.from(z.data.subarray(0, z.cols))), A: buffers.A.map((a) => Array.from(a.data.subarray(0, a.cols))) };
}

const fixed = (v: number) => (Math.abs(v) >= 1e-4 || v === 0 ? v.toFixed(6) : v.toExponential(4));

/** The layer table of `summary`. */
export function formatSummary(result: InspectResult): string {
  const rows = result.layers.map((l) => [String(l.layer), `Dense ${l.inputs} -> ${l.units}`, `${l.inputs}x${l.units}`, l.bias ? `1x${l.units}` : 'none', l.activation, formatCount(l.parameters)]);
  rows.push(['', 'total', '', '', '', formatCount(result.parameters)]);
  const inputs = result.inputs === undefined ? '' : `${result.inputs}\n`;
  return `${result.file}: network ${result.sizes.join('-')}, ${result.dtype}\n\n${formatTable(['#', 'layer', 'W', 'b', 'activation', 'parameters'], rows)}\n${inputs}`;
}

/** Everything `inspect` prints: summary, metadata, weights (w1, w2, ... numbered as in seed 001) and forward values. */
export function formatInspect(result: InspectResult): string {
  const lines = [formatSummary(result).trimEnd()];
  const meta = result.metadata;
  const keys = ['dataset', 'task', 'loss', 'init', 'trainedEpochs'].filter((k) => meta[k] !== undefined);
  if (keys.length > 0) lines.push('', ...keys.map((k) => `${k}: ${typeof meta[k] === 'string' ? meta[k] : JSON.stringify(meta[k])}`));
  let w = 0;
  for (const layer of result.layers) {
    if (layer.W === undefined) continue;
    lines.push('', `layer ${layer.layer} (${layer.activation}): W[i][j] joins input i to unit j; w numbered unit by unit, inputs in order (as explain does)`);
    for (let j = 0; j < layer.units; j++) {
      for (let i = 0; i < layer.inputs; i++) lines.push(`  w${++w} = W${layer.layer}[${i}][${j}] = ${fixed(layer.W[i]![j]!)}`);
    }
    layer.b?.forEach((v, j) => lines.push(`  b${layer.layer}.${j} = ${fixed(v)}`));
  }
  if (result.weightsHidden === 'large') lines.push('', `(weights not shown for networks of more than ${SMALL_NETWORK_PARAMETERS} parameters; use --weights)`);
  if (result.forward !== undefined) {
    lines.push('', `forward pass for input ${result.forward.input.join(', ')}`);
    const prepared = result.forward.prepared;
    if (prepared.length !== result.forward.input.length || prepared.some((v, i) => v !== result.forward!.input[i])) lines.push(`  X = [${prepared.map(fixed).join(', ')}] (after the model's preprocessing)`);
    result.forward.Z.forEach((z, l) => lines.push(`  Z${l + 1} = [${z.map(fixed).join(', ')}]`, `  A${l + 1} = [${result.forward!.A[l]!.map(fixed).join(', ')}]`));
  }
  return lines.join('\n') + '\n';
}

/** Adds `inspect` and `summary` to the program. */
export function registerInspect(program: Command, io: CliIo): void {
  program
    .command('inspect')
    .description('show a model: layers, shapes, parameters, and for small networks every weight and bias')
    .argument('<model>', 'model file (model.json)')
    .option('--weights', 'show every weight even for a large network')
    .option('--no-weights', 'never show the weights')
    .option('--input <values>', 'comma-separated raw input row (text categories as in the CSV): show every Z and A for it')
    .option('--json', 'print one JSON object')
    .action(async (modelPath: string, flags: Record<string, unknown>) => {
      const input = typeof flags['input'] === 'string' ? inputRowCells(flags['input'], '--input') : undefined;
      const weights = flags['weights'] === true ? true : flags['weights'] === false ? false : undefined;
      const result = await inspectCommand({ model: modelPath, ...(weights === undefined ? {} : { weights }), ...(input === undefined ? {} : { input }), onWarning: (line) => io.stderr.write(`${line}\n`) });
      io.stdout.write(flags['json'] === true ? JSON.stringify(result) + '\n' : formatInspect(result));
    });
  program
    .command('summary')
    .description('the layer table of a model: shapes, activations, parameter counts')
    .argument('<model>', 'model file (model.json)')
    .option('--json', 'print one JSON object')
    .action(async (modelPath: string, flags: Record<string, unknown>) => {
      const result = await inspectCommand({ model: modelPath, weights: false });
      io.stdout.write(flags['json'] === true ? JSON.stringify(result) + '\n' : formatSummary(result));
    });
}
