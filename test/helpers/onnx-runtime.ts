/** Runs ONNX bytes with onnxruntime-web (WebAssembly, one thread, no network) for the onnx-*.test.ts suites. */
import * as ort from 'onnxruntime-web';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

/** One output of a run: its dims and values (numbers for float tensors, strings for string tensors). */
export interface RuntimeOutput {
  readonly dims: readonly number[];
  readonly data: readonly number[] | readonly string[];
}

/** Runs `bytes` on `rows` (float32, rows x features) and returns every output by name. */
export async function runOnnx(bytes: Uint8Array, rows: readonly (readonly number[])[], inputName = 'input'): Promise<Record<string, RuntimeOutput>> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const features = rows[0]?.length ?? 0;
    const input = new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, features]);
    const results = await session.run({ [inputName]: input });
    const out: Record<string, RuntimeOutput> = {};
    for (const [name, tensor] of Object.entries(results)) {
      const data = tensor.type === 'string' ? [...(tensor.data as string[])] : Array.from(tensor.data as Float32Array, Number);
      out[name] = { dims: [...tensor.dims], data };
    }
    return out;
  } finally {
    await session.release();
  }
}
