/**
 * `backprop import <model.onnx> -o <model.json>`: an MLP from an ONNX file (PyTorch's
 * torch.onnx.export, or backprop's own export) as a backprop model file, ready for inspect,
 * explain --model, evaluate, predict and the playground.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { readBoundedBytes } from '../../data/bounded-read.js';
import { DataFormatError } from '../../errors/data-format-error.js';
import { BackpropError } from '../../errors/backprop-error.js';
import { memoryBudget } from '../../errors/limits.js';
import { ModelFormatError } from '../../io/model-format-error.js';
import { saveModel } from '../../io/model-file.js';
import { importOnnx } from '../../onnx/import.js';
import { UsageError } from '../errors.js';
import { refuseOverwritingInput } from '../same-file.js';
import type { CliIo } from '../io.js';

/** What `import` read and wrote. */
export interface ImportResult {
  readonly output: string;
  readonly sizes: readonly number[];
  readonly activations: readonly string[];
  readonly parameters: number;
}

/** Reads `onnxPath` and writes the model file `output` (default: the ONNX path with .json, refused if that file exists). */
export async function importCommand(onnxPath: string, output?: string): Promise<ImportResult> {
  let bytes: Uint8Array;
  try {
    // Bounded as a model file is read: a directory, a FIFO without a writer or a file beyond the memory budget is one line, not a hang.
    bytes = new Uint8Array(await readBoundedBytes(onnxPath, { label: onnxPath, maxBytes: memoryBudget() }));
  } catch (error) {
    if (error instanceof DataFormatError) throw new BackpropError(`cannot read ONNX file ${error.message}`);
    throw error;
  }
  refuseText(bytes, onnxPath);
  let model;
  try {
    model = importOnnx(bytes);
  } catch (error) {
    if (error instanceof ModelFormatError) throw new ModelFormatError(error.field, `${error.message.replace(/^invalid model file: /, '').slice(error.field.length + 1)} (in ${onnxPath})`);
    throw error;
  }
  const target = output ?? `${onnxPath.replace(/\.onnx$/i, '')}.json`;
  refuseOverwritingInput(target, onnxPath, output === undefined ? 'the default output' : '-o', 'the ONNX file being imported');
  if (output === undefined && existsSync(target)) {
    throw new UsageError(`${target} exists already: give -o to choose where the imported model goes (-o ${target} replaces it)`);
  }
  await saveModel(model, target);
  return { output: target, sizes: model.sizes, activations: model.layers.map((l) => l.activation), parameters: model.parameterCount };
}

/**
 * An ONNX file is a binary protobuf; text (a backprop model file, a CSV) gets one line saying
 * what it is rather than the protobuf reader's complaint about its first byte.
 */
function refuseText(bytes: Uint8Array, path: string): void {
  const head = bytes.subarray(0, 256);
  if (head.length === 0 || head.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return;
  const text = new TextDecoder().decode(head);
  if (text.includes('"backprop-model"')) throw new ModelFormatError('(file)', 'is a backprop model file already (JSON), not ONNX: use it as it is with inspect, predict or evaluate', path);
  throw new ModelFormatError('(file)', 'is text, not an ONNX model (the binary protobuf that torch.onnx.export or backprop export writes)', path);
}

/** Adds `import` to the program. */
export function registerImport(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('read an MLP from an ONNX file (torch.onnx.export or backprop export) into a backprop model file')
    .argument('<model>', 'ONNX file (model.onnx)')
    .option('-o, --output <file>', 'model file to write (default: the ONNX file with .json, if no such file exists)')
    .option('--json', 'print one JSON object')
    .action(async (onnxPath: string, flags: Record<string, unknown>) => {
      const result = await importCommand(onnxPath, typeof flags['output'] === 'string' ? flags['output'] : undefined);
      if (flags['json'] === true) io.stdout.write(JSON.stringify(result) + '\n');
      else io.stdout.write(`wrote ${result.output}: MLP ${result.sizes.join('-')} (${result.activations.join(', ')}), ${result.parameters} parameters\n`);
    });
}
