/**
 * `backprop export <model.json> --format onnx|js|ts -o <file>`: the model and its stored
 * preprocessing as an ONNX file (for ONNX Runtime anywhere) or as one dependency-free
 * predict module (.ts, or .js with a .d.ts beside it).
 */
import type { Command } from 'commander';
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
import { pickName } from '../options.js';

/** Formats `export` writes. */
export const EXPORT_FORMATS = ['onnx', 'js', 'ts'] as const;

/** What `export` wrote: file paths and sizes in bytes, and a description of the graph or module. */
export interface ExportResult {
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  readonly description: string;
}

/** Exports `modelPath` in `format` to `output` (default: the model path with the format's extension). */
export async function exportCommand(modelPath: string, format: (typeof EXPORT_FORMATS)[number], output?: string): Promise<ExportResult> {
  const model = await loadModel(modelPath);
  const target = output ?? `${modelPath.replace(/\.json$/i, '')}.${format}`;
  refuseOverwritingInput(target, modelPath, output === undefined ? 'the default output' : '-o', 'the model file being exported');
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
    if (source.declarations !== undefined) files.push({ path: target.replace(/\.m?js$/i, '') + '.d.ts', text: source.declarations });
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
    .option('--format <format>', `${EXPORT_FORMATS.join(', ')}`, 'onnx')
    .option('-o, --output <file>', 'file to write (default: the model file with the format as extension)')
    .option('--json', 'print one JSON object')
    .action(async (modelPath: string, flags: Record<string, unknown>) => {
      const format = pickName('format', String(flags['format']), EXPORT_FORMATS);
      const result = await exportCommand(modelPath, format, typeof flags['output'] === 'string' ? flags['output'] : undefined);
      if (flags['json'] === true) io.stdout.write(JSON.stringify(result) + '\n');
      else io.stdout.write(result.files.map((f) => `wrote ${f.path} (${f.bytes} bytes)`).join('\n') + `: ${result.description}\n`);
    });
}
