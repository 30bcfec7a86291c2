/**
 * Predictions on any backend, including those that keep results on a device (webgpu): the
 * forward pass runs batch by batch there, and each batch's output is read back once.
 */
import { Matrix } from '../matrix.js';
import { inputMatrix } from './input-rows.js';
import { checkMlpArgument } from './model-argument.js';
import type { Mlp } from './mlp.js';

/** The network's outputs for every row of `x` (rows x inputSize) as a new rows x outputSize matrix; as Mlp.predict, asynchronously. */
export async function predictAsync(model: Mlp, x: Matrix | readonly (readonly number[])[], batchSize = 1024): Promise<Matrix> {
  checkMlpArgument(model, 'predictAsync');
  const input = inputMatrix(x, model.inputSize, model.dtype, 'predictAsync');
  const output = Matrix.zeros(input.rows, model.outputSize, model.dtype);
  const capacity = Math.max(1, Math.min(batchSize, input.rows));
  const rowsInOrder = Uint32Array.from({ length: input.rows }, (_, i) => i);
  // A copy: device backends upload a gather source once per array, and `x` may change between calls.
  const source = input.data.slice();
  for (let start = 0; start < input.rows; start += capacity) {
    const rows = Math.min(capacity, input.rows - start);
    const buffers = model.buffers(rows, capacity);
    // Through the backend, not buffers.X.data: on a device the host copy of X may be stale and not uploaded.
    model.backend.gatherRows(source, rowsInOrder, start, buffers.X);
    const yHat = model.forward(buffers);
    await model.backend.read?.(yHat);
    output.data.set(yHat.data, start * output.cols);
  }
  return output;
}
