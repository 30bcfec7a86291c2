/**
 * The two inference-only operators of an exported MLP that are not layers of their own:
 * `BatchNormalization` right after a layer's affine part (Gemm, or MatMul + Add) is folded into
 * that layer's weights and bias, exactly; `Dropout` at inference is the identity. Both are
 * refused, with one ModelFormatError line naming the node, when the file was exported in
 * training mode or the node cannot be read that way.
 */
import { ModelFormatError } from '../io/model-format-error.js';
import type { OnnxGraph, OnnxNode, OnnxTensor } from './onnx-schema.js';

/** The affine part of a layer being read: weights n_in × units row-major and bias (null: none yet), in float64. */
export interface AffineDraft {
  readonly units: number;
  readonly weights: Float64Array;
  bias: Float64Array | null;
}

/** BatchNormalization's inputs 1..4 and its epsilon attribute (ONNX's default 1e-5, stored as float32). */
export interface BatchNormParameters {
  readonly scale: OnnxTensor;
  readonly bias: OnnxTensor;
  readonly mean: OnnxTensor;
  readonly variance: OnnxTensor;
  readonly epsilon: number;
}

const EXPORT_IN_EVAL = 'backprop imports an inference-mode model: export it after model.eval() (torch.onnx.export with training=TrainingMode.EVAL)';

/**
 * A BatchNormalization node as it may be folded, with its one output Y: refused when it is in
 * training mode (attribute training_mode 1, opset 14 on, or the running / saved statistics as
 * further outputs, as opsets 9 to 13 write them).
 */
export function inferenceBatchNorm(node: OnnxNode, at: string): OnnxNode {
  const mode = node.attributes.find((a) => a.name === 'training_mode')?.i ?? 0;
  if (mode !== 0) throw new ModelFormatError(at, `is BatchNormalization with training_mode ${mode}; ${EXPORT_IN_EVAL}`);
  const outputs = withoutTrailingEmpty(node.outputs);
  if (outputs.length > 1) throw new ModelFormatError(at, `is BatchNormalization with ${outputs.length} outputs (the batch statistics of training mode); ${EXPORT_IN_EVAL}`);
  return { ...node, outputs };
}

/**
 * Folds y = (z − mean)·g + beta, g = scale / sqrt(var + epsilon), into the layer z = x·W + b:
 * W'[:, j] = W[:, j]·g_j and b'_j = (b_j − mean_j)·g_j + beta_j (b_j = 0 for a layer without
 * bias), in float64 in place. Each parameter must be a 1-D tensor of `units` finite values and
 * var + epsilon positive and finite, or it throws ModelFormatError at `at`.
 */
export function foldBatchNorm(layer: AffineDraft, parameters: BatchNormParameters, at: string): void {
  const { units } = layer;
  const roles = [['scale', parameters.scale], ['B', parameters.bias], ['input_mean', parameters.mean], ['input_var', parameters.variance]] as const;
  for (const [role, tensor] of roles) {
    if (tensor.dims.length !== 1 || tensor.dims[0] !== units) {
      throw new ModelFormatError(at, `(BatchNormalization) has ${role} "${tensor.name}" of shape [${tensor.dims.join(', ')}] after a layer of ${units} units; it needs [${units}]`);
    }
    const bad = tensor.floats!.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new ModelFormatError(at, `(BatchNormalization) has ${role} "${tensor.name}" with the value ${tensor.floats![bad]} at unit ${bad + 1}`);
  }
  const { epsilon } = parameters;
  if (!Number.isFinite(epsilon)) throw new ModelFormatError(at, `(BatchNormalization) has epsilon ${epsilon}`);
  const gain = Float64Array.from(parameters.variance.floats!, (v, j) => {
    const spread = v + epsilon;
    if (!(spread > 0) || !Number.isFinite(spread)) {
      throw new ModelFormatError(at, `(BatchNormalization) has input_var "${parameters.variance.name}" ${v} + epsilon ${epsilon} = ${spread} at unit ${j + 1}; a variance plus epsilon must be positive`);
    }
    return parameters.scale.floats![j]! / Math.sqrt(spread);
  });
  const { weights } = layer;
  for (let k = 0; k < weights.length; k++) weights[k]! *= gain[k % units]!;
  const bias = layer.bias ?? new Float64Array(units);
  for (let j = 0; j < units; j++) bias[j] = (bias[j]! - parameters.mean.floats![j]!) * gain[j]! + parameters.bias.floats![j]!;
  layer.bias = bias;
}

/**
 * A Dropout node read as the identity (inference), with its one output: its ratio input is not
 * needed; refused when its training_mode input is not a constant false, or when a node or the
 * graph's output reads its mask output.
 */
export function inferenceDropout(node: OnnxNode, graph: OnnxGraph, constants: ReadonlyMap<string, OnnxTensor>, at: string): OnnxNode {
  const training = node.inputs[2];
  if (training !== undefined && training !== '') {
    const flag = constants.get(training);
    const values = flag?.ints ?? (flag?.floats === undefined ? undefined : Array.from(flag.floats));
    if (values === undefined || values.length !== 1) {
      throw new ModelFormatError(at, `is Dropout whose training_mode "${training}" is not a constant; backprop reads Dropout as the identity of inference`);
    }
    if (values[0] !== 0) throw new ModelFormatError(at, `is Dropout with training_mode true (it drops values at random); ${EXPORT_IN_EVAL}`);
  }
  const outputs = withoutTrailingEmpty(node.outputs);
  const mask = outputs[1];
  if (mask !== undefined) {
    const reader = graph.nodes.findIndex((n) => n.inputs.includes(mask));
    if (reader >= 0 || graph.outputs.some((o) => o.name === mask)) {
      const where = reader >= 0 ? `graph.node[${reader}]${graph.nodes[reader]!.name === '' ? '' : ` ("${graph.nodes[reader]!.name}")`}` : 'the graph output';
      throw new ModelFormatError(at, `is Dropout whose mask "${mask}" is read by ${where}; backprop reads Dropout as the identity of inference, without a mask`);
    }
  }
  return { ...node, outputs: outputs.length === 2 ? outputs.slice(0, 1) : outputs };
}

/** Outputs without the empty names that stand for optional outputs left out at the end. */
function withoutTrailingEmpty(outputs: readonly string[]): string[] {
  const kept = [...outputs];
  while (kept.length > 1 && kept.at(-1) === '') kept.pop();
  return kept;
}
