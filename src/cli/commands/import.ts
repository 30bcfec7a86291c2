/**
 * `backprop import <model.onnx> -o <model.json>`: an MLP from an ONNX file (PyTorch's
 * torch.onnx.export, or backprop's own export) as a backprop model file, ready for inspect,
 * explain --model, evaluate, predict and the playground.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { BackpropError } from '../../errors/backprop-error.js';
import { ModelFormatError } from '../../io/model-format-error.js';
import { saveModel } from '../../io/model-file.js';
import { notOnnx } from '../../onnx/file-kind.js';
import { importOnnx } from '../../onnx/import.js';
import { UsageError } from '../errors.js';
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
    bytes = new Uint8Array(await readFile(onnxPath));
  } catch (error) {
    throw new Error(`cannot read ${onnxPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
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
