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
import { notOnnx } from '../../onnx/file-kind.js';
import { importOnnx } from '../../onnx/import.js';
import { UsageError } from '../errors.js';
import { refuseOverwritingInput } from '../same-file.js';
import { refuseOtherFormatName } from '../../io/model-file-name.js';
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
  let model;
  try {
    model = importOnnx(bytes);
  } catch (error) {
    if (!(error instanceof ModelFormatError)) throw error;
    // The whole file is the problem (empty, text, a model file, zeros, a zip): the line starts with its name.
    if (error.field === '(file)') throw new BackpropError(`${onnxPath} ${error.problem}${notOnnx(bytes)?.kind === 'backprop-model' ? `; use it as it is, e.g. backprop predict ${onnxPath} rows.csv` : ''}`);
    throw new ModelFormatError(error.field, `${error.problem} (in ${onnxPath})`);
  }
  const target = output ?? `${onnxPath.replace(/\.onnx$/i, '')}.json`;
  refuseOverwritingInput(target, onnxPath, output === undefined ? 'the default output' : '-o', 'the ONNX file being imported');
  refuseOtherFormatName(target, `-o ${target}`);
  if (output === undefined && existsSync(target)) {
    throw new UsageError(`${target} exists already: give -o to choose where the imported model goes (-o ${target} replaces it)`);
  }
  await saveModel(model, target);
  return { output: target, sizes: model.sizes, activations: model.layers.map((l) => l.activation), parameters: model.parameterCount };
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
