/**
 * `backprop export <model.json> --format onnx|js|ts -o <file>`: the model and its stored
 * preprocessing as an ONNX file (for ONNX Runtime anywhere) or as one dependency-free
 * predict module (.ts, or .js with a .d.ts beside it; .mjs with a .d.mts). Without --format, the
 * output's extension chooses (predict.js: the JavaScript module).
 */
import type { Command } from 'commander';
import { extname } from 'node:path';
import { writeFileAtomically } from '../../data/atomic-write.js';
import { standalonePredictor } from '../../export/standalone.js';
import { loadModel } from '../../io/model-file.js';
import { writeProblem } from '../../io/write-error.js';
import { refuseOverwritingInput } from '../same-file.js';
import { BackpropError } from '../../errors/backprop-error.js';
import { UnsupportedPipelineError } from '../../io/model-pipeline.js';
import { exportOnnx, ONNX_OPSET, onnxModelOf } from '../../onnx/export.js';
import { DATA_TYPE } from '../../onnx/onnx-schema.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../errors.js';
import { pickName } from '../options.js';

/** Formats `export` writes. */
export const EXPORT_FORMATS = ['onnx', 'js', 'ts'] as const;

/** What `export` wrote: file paths and sizes in bytes, and a description of the graph or module. */
export interface ExportResult {
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  readonly description: string;
}

/** The format each output file extension names (an ONNX file is binary; the modules are ES modules). */
const FORMAT_OF_EXTENSION: Readonly<Record<string, (typeof EXPORT_FORMATS)[number]>> = { '.onnx': 'onnx', '.js': 'js', '.mjs': 'js', '.ts': 'ts', '.mts': 'ts' };

/**
 * The format to write: `--format` when given, else the one `-o`'s extension names (predict.js:
 * js), else onnx. Refuses an output whose extension names another format than `--format` (ONNX
 * bytes in predict.js, TypeScript in a .js file) and a .cjs file (the module is an ES module);
 * exportCommand refuses ONNX into a .json file (where model files go).
 */
export function exportFormat(given: string | undefined, output: string | undefined): (typeof EXPORT_FORMATS)[number] {
  const format = given === undefined ? undefined : pickName('format', given, EXPORT_FORMATS);
  if (output === undefined) return format ?? 'onnx';
  const extension = extname(output).toLowerCase();
  if (extension === '.cjs') throw new UsageError(`-o ${output}: the predict module is an ES module (export statements), which a .cjs file cannot hold: name it .js or .mjs`);
  const named = FORMAT_OF_EXTENSION[extension];
  if (format !== undefined && named !== undefined && named !== format) {
    throw new UsageError(`-o ${output} names ${named === 'onnx' ? 'an ONNX' : named === 'js' ? 'a JavaScript' : 'a TypeScript'} file but --format is ${format}: give --format ${named}, or a file name ending in .${format}`);
  }
  return format ?? named ?? 'onnx';
}

/** The declarations file beside a JavaScript module: predict.d.ts for predict.js, predict.d.mts for predict.mjs. */
function declarationsPath(modulePath: string): string {
  if (/\.mjs$/i.test(modulePath)) return `${modulePath.slice(0, -4)}.d.mts`;
  return `${modulePath.replace(/\.js$/i, '')}.d.ts`;
}

/** Exports `modelPath` in `format` to `output` (default: the model path with the format's extension). */
export async function exportCommand(modelPath: string, format: (typeof EXPORT_FORMATS)[number], output?: string): Promise<ExportResult> {
  exportFormat(format, output);
  const model = await loadModel(modelPath);
  const target = output ?? `${modelPath.replace(/\.json$/i, '')}.${format}`;
  refuseOverwritingInput(target, modelPath, output === undefined ? 'the default output' : '-o', 'the model file being exported');
  if (format === 'onnx' && extname(target).toLowerCase() === '.json') throw new UsageError(`-o ${target}: an ONNX file is binary (protobuf), not JSON: name it .onnx, or give --format js or ts for a predict module`);
  try {
    if (format === 'onnx') {
      const onnx = onnxModelOf(model);
      const bytes = exportOnnx(model);
      await writeAtomically(target, bytes);
      const shape = (v: (typeof onnx.graph.outputs)[number]) => `"${v.name}" [${(v.shape ?? []).join(', ')}]`;
      return {
        files: [{ path: target, bytes: bytes.length }],
        description: `ONNX opset ${onnx.opsets[0]?.version ?? ONNX_OPSET}, input${onnx.graph.inputs.length > 1 ? 's' : ''} ${onnx.graph.inputs.map((v) => `${shape(v)} ${v.elemType === DATA_TYPE.string ? 'string' : 'float32'}`).join(', ')}, output${onnx.graph.outputs.length > 1 ? 's' : ''} ${onnx.graph.outputs.map(shape).join(', ')}`,
      };
    }
    const source = standalonePredictor(model, format);
    const files = [{ path: target, text: source.code }];
    if (source.declarations !== undefined) files.push({ path: declarationsPath(target), text: source.declarations });
    for (const file of files) await writeAtomically(file.path, new TextEncoder().encode(file.text));
    return {
      files: files.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.text) })),
      description: `ES module, no dependencies: predict(row), predictBatch(rows), featureNames`,
    };
  } catch (error) {
    if (error instanceof UnsupportedPipelineError) throw new UnsupportedPipelineError(`${modelPath}: ${error.message}`);
    throw error;
  }
}

async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFileAtomically(path, bytes);
  } catch (error) {
    throw new BackpropError(`cannot write ${path}: ${writeProblem(path, error)}`);
  }
}

/** Adds `export` to the program. */
export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('write a model with its preprocessing as ONNX (--format onnx) or as one dependency-free predict module (js, ts)')
    .argument('<model>', 'model file written by train (model.json)')
    .option('--format <format>', `${EXPORT_FORMATS.join(', ')} (default: the one -o's extension names, else onnx)`)
    .option('-o, --output <file>', 'file to write (default: the model file with the format as extension)')
    .option('--json', 'print one JSON object')
    .action(async (modelPath: string, flags: Record<string, unknown>) => {
      const output = typeof flags['output'] === 'string' ? flags['output'] : undefined;
      const format = exportFormat(typeof flags['format'] === 'string' ? flags['format'] : undefined, output);
      const result = await exportCommand(modelPath, format, output);
      if (flags['json'] === true) io.stdout.write(JSON.stringify(result) + '\n');
      else io.stdout.write(result.files.map((f) => `wrote ${f.path} (${f.bytes} bytes)`).join('\n') + `: ${result.description}\n`);
    });
}
