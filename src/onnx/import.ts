/**
 * `importOnnx(bytes)`: an MLP from an ONNX file, as PyTorch's torch.onnx.export writes one
 * (Gemm with transB 1, or MatMul + Add; Relu, Sigmoid, Tanh, LeakyRelu, Softmax, Identity,
 * Flatten; an inference-mode BatchNormalization right after a layer's Gemm or MatMul + Add is
 * folded into that layer, and Dropout is the identity: inference-ops.ts) or as `exportOnnx` writes one (its preprocessing and class names come back from
 * metadata_props). The graph must be one chain from its input to its output (a Constant, or an
 * Identity or Transpose of a constant, gives a weight, not a link of the chain); anything else is refused
 * with a ModelFormatError naming the node and what is wrong, and a file that is not ONNX at all
 * (a backprop model file, text, zeros, a zip) is named for what it is (file-kind.ts).
 */
import type { Backend } from '../backend/backend.js';
import { ModelFormatError } from '../io/model-format-error.js';
import type { ActivationName } from '../math/activations.js';
import { DEFAULT_LEAKY_ALPHA } from '../math/activations.js';
import { Mlp } from '../nn/mlp.js';
import { defaultLossFor } from '../train/evaluate.js';
import { ONNX_METADATA_KEY, ONNX_NAMES } from './export.js';
import { notOnnx } from './file-kind.js';
import { decodeModel } from './onnx-decode.js';
import { foldBatchNorm, inferenceBatchNorm, inferenceDropout } from './inference-ops.js';
import { DATA_TYPE, type OnnxAttribute, type OnnxModel, type OnnxNode, type OnnxTensor } from './onnx-schema.js';

/** The operators the importer reads. */
export const IMPORTABLE_OPS: readonly string[] = ['Gemm', 'MatMul', 'Add', 'Relu', 'Sigmoid', 'Tanh', 'LeakyRelu', 'Softmax', 'Identity', 'Flatten', 'BatchNormalization', 'Dropout', 'Constant'];

const ACTIVATION_OPS: Readonly<Record<string, ActivationName>> = { Relu: 'relu', Sigmoid: 'sigmoid', Tanh: 'tanh', LeakyRelu: 'leakyRelu', Softmax: 'softmax' };

/**
 * A layer being read: weights n_in × n_out row-major, bias or null, activation. Weights and bias
 * stay float64 (a folded BatchNormalization is exact) until the model stores them as float32.
 */
interface LayerDraft {
  readonly inputSize: number;
  readonly units: number;
  readonly weights: Float64Array;
  bias: Float64Array | null;
  activation: ActivationName | null;
  alpha: number;
  /** Whether the layer came from a MatMul that an Add may still give a bias. */
  readonly fromMatMul: boolean;
  /** Whether a BatchNormalization has been folded into the layer (no Add or second BatchNormalization may follow). */
  normalized: boolean;
}

/** Reads an ONNX model's MLP. Throws ModelFormatError (one line) for malformed files and unsupported graphs. */
export function importOnnx(bytes: Uint8Array, options: { backend?: Backend } = {}): Mlp {
  try {
    return readMlp(bytes, options);
  } catch (error) {
    // Names in a damaged file may hold newlines or other control characters: keep the message one printable line.
    if (!(error instanceof ModelFormatError) || !CONTROL.test(error.message)) throw error;
    const problem = error.message.slice('invalid model file: '.length + error.field.length + 1);
    throw new ModelFormatError(printable(error.field), printable(problem));
  }
}

const CONTROL = /[\u0000-\u001f\u007f]/;

function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function readMlp(bytes: Uint8Array, options: { backend?: Backend }): Mlp {
  const onnx = decode(bytes);
  const { graph } = onnx;
  const constants = new Map<string, OnnxTensor>(graph.initializers.map((t) => [t.name, t]));
  const ours = onnx.metadata[ONNX_METADATA_KEY] !== undefined;
  // exportOnnx's graphs of models with categorical columns also take their strings as "categories".
  const inputs = graph.inputs.filter((v) => !constants.has(v.name) && !(ours && v.name === ONNX_NAMES.categories));
  // A model whose columns are all categorical has only "categories": its chain starts at "features".
  const categoriesOnly = ours && inputs.length === 0 && graph.inputs.some((v) => v.name === ONNX_NAMES.categories);
  if (inputs.length !== 1 && !categoriesOnly) {
    const listed = (list: readonly { name: string }[]) => `(${list.slice(0, 5).map((v) => `"${v.name}"`).join(', ')}${list.length > 5 ? ', ...' : ''})`;
    // Inputs that layers read as weights or biases (B, C): a file written without its parameters (PyTorch's export_params=False).
    const weights = inputs.filter((v) => graph.nodes.some((n) => ['Gemm', 'MatMul', 'Add'].includes(n.opType) && n.inputs.slice(1).includes(v.name) && n.inputs[0] !== v.name));
    if (weights.length > 0 && inputs.length - weights.length === 1) {
      throw new ModelFormatError('graph.input', `has ${weights.length} inputs that layers read as weights ${listed(weights)} but no values for them: the file was written without its parameters (PyTorch: torch.onnx.export with export_params=True)`);
    }
    throw new ModelFormatError('graph.input', `has ${inputs.length} inputs besides initializers${inputs.length === 0 ? '' : ` ${listed(inputs)}`}; backprop imports a network with one input`);
  }
  const input: (typeof graph.inputs)[number] = categoriesOnly ? { name: ONNX_NAMES.features, elemType: DATA_TYPE.float, shape: ['batch', encodedWidthOf(onnx.metadata[ONNX_METADATA_KEY]!) ?? 1] } : inputs[0]!;
  if (input.elemType !== DATA_TYPE.float) throw new ModelFormatError(`graph.input "${input.name}"`, `has element type ${input.elemType}; backprop imports float32 inputs (type 1)`);
  // With an encoding stage the network sees the encoded width, not the raw numeric columns.
  const features = (ours ? encodedWidthOf(onnx.metadata[ONNX_METADATA_KEY]!) : undefined) ?? featureCount(input.shape, input.name);
  let nodes = graph.nodes.map((node, index) => ({ node, index }));
  let current = input.name;
  let end: string;
  if (ours) {
    nodes = nodes.filter(({ node }) => !node.name.startsWith('preprocess/') && !node.name.startsWith('postprocess/'));
    if (graph.nodes.some((n) => n.outputs.includes(ONNX_NAMES.features))) current = ONNX_NAMES.features;
    end = ONNX_NAMES.networkOutput;
  } else {
    if (graph.outputs.length !== 1) throw new ModelFormatError('graph.output', `has ${graph.outputs.length} outputs; backprop imports a network with one output`);
    end = graph.outputs[0]!.name;
  }
  const layers: LayerDraft[] = [];
  let flat = (input.shape?.length ?? 2) === 2 || ours;
  for (const entry of nodes) {
    const { index } = entry;
    let { node } = entry;
    const at = `graph.node[${index}]${node.name === '' ? '' : ` ("${node.name}")`}`;
    if (node.domain !== '' && node.domain !== 'ai.onnx') throw new ModelFormatError(at, `uses op ${node.opType} of domain "${node.domain}", which backprop cannot import`);
    if (node.opType === 'Constant') {
      const value = node.attributes.find((a) => a.name === 'value')?.t;
      if (value === undefined || node.outputs.length !== 1) throw new ModelFormatError(at, 'is a Constant without a tensor "value"; backprop cannot import it');
      constants.set(node.outputs[0]!, { ...value, name: node.outputs[0]! });
      continue;
    }
    // Exporters route weights through Identity (PyTorch for a shared or renamed parameter): its output is that constant.
    // A Transpose of a constant matrix (exporters that write x·Wᵀ as Transpose + MatMul) is the transposed constant.
    const source = (node.opType === 'Identity' || node.opType === 'Transpose') && node.inputs.length === 1 && node.outputs.length === 1 ? constants.get(node.inputs[0]!) : undefined;
    const perm = attribute(node, 'perm')?.ints?.join(',');
    if (source !== undefined && (node.opType === 'Identity' || (perm === '0,1' && source.dims.length === 2))) {
      constants.set(node.outputs[0]!, { ...source, name: node.outputs[0]! });
      continue;
    }
    if (source !== undefined && source.floats !== undefined && source.dims.length === 2 && (perm === undefined || perm === '1,0')) {
      constants.set(node.outputs[0]!, transposed(source, node.outputs[0]!));
      continue;
    }
    if (!IMPORTABLE_OPS.includes(node.opType)) {
      throw new ModelFormatError(at, `uses op ${node.opType}, which backprop cannot import (it reads ${IMPORTABLE_OPS.filter((o) => o !== 'Constant').join(', ')})`);
    }
    if (node.opType === 'BatchNormalization') node = inferenceBatchNorm(node, at);
    if (node.opType === 'Dropout') node = inferenceDropout(node, graph, constants, at);
    if (node.outputs.length !== 1) throw new ModelFormatError(at, `has ${node.outputs.length} outputs; backprop reads ${node.opType} with one`);
    if (node.opType === 'Add' && node.inputs[1] === current) node = { ...node, inputs: [current, node.inputs[0] ?? ''] };
    if (node.inputs[0] !== current) {
      throw new ModelFormatError(at, `(${node.opType}) takes "${node.inputs[0] ?? ''}" where the chain from the input has "${current}": backprop imports one chain of layers`);
    }
    const previous = layers.at(-1);
    const inputSize = previous?.units ?? features;
    if (node.opType === 'Gemm' || node.opType === 'MatMul') {
      if (!flat) throw new ModelFormatError(at, `receives the ${input.shape!.length}-D input "${input.name}" unflattened; backprop needs [batch, features] or a Flatten first`);
      layers.push(denseLayer(node, constants, at, inputSize));
    }
    else if (node.opType === 'Add') addBias(node, constants, at, previous);
    else if (node.opType === 'BatchNormalization') batchNorm(node, constants, at, previous);
    else if (node.opType === 'Flatten') {
      if (previous !== undefined) throw new ModelFormatError(at, 'flattens after a layer; backprop reads Flatten only at the input');
      const axis = intAttribute(node, 'axis', 1);
      if (axis !== 1) throw new ModelFormatError(at, `is Flatten with axis ${axis}; backprop reads axis 1 (keep the batch dimension)`);
      flat = true;
    } else if (node.opType !== 'Identity' && node.opType !== 'Dropout') {
      const activation = ACTIVATION_OPS[node.opType]!;
      if (previous === undefined || previous.activation !== null) {
        throw new ModelFormatError(at, `applies ${node.opType} ${previous === undefined ? 'before any layer' : 'after another activation'}; backprop reads one activation after each Gemm or MatMul`);
      }
      if (node.opType === 'Softmax') {
        const axis = intAttribute(node, 'axis', opsetOf(onnx) >= 13 ? -1 : 1);
        if (axis !== 1 && axis !== -1) throw new ModelFormatError(at, `is Softmax over axis ${axis}; backprop reads softmax over each row (axis 1 or -1)`);
      }
      previous.activation = activation;
      if (activation === 'leakyRelu') previous.alpha = shortestDecimal(floatAttribute(node, 'alpha', DEFAULT_LEAKY_ALPHA));
    }
    current = node.outputs[0]!;
  }
  if (layers.length === 0) throw new ModelFormatError('graph', 'has no Gemm or MatMul layer: it is not an MLP');
  if (current !== end) throw new ModelFormatError('graph.output', `"${end}" is not the end of the chain of layers (the chain ends at "${current}")`);
  return buildModel(onnx, layers, ours, options.backend);
}

/** decodeModel, except that a file which is recognisably something else (JSON, text, zeros, zip) is refused as what it is. */
function decode(bytes: Uint8Array): OnnxModel {
  try {
    return decodeModel(bytes);
  } catch (error) {
    const other = error instanceof ModelFormatError ? notOnnx(bytes) : undefined;
    if (other !== undefined) throw new ModelFormatError('(file)', other.problem);
    throw error;
  }
}

function buildModel(onnx: OnnxModel, layers: readonly LayerDraft[], ours: boolean, backend: Backend | undefined): Mlp {
  const model = new Mlp(
    layers.map((l) => ({ inputSize: l.inputSize, units: l.units, activation: l.activation ?? 'linear', alpha: l.alpha, useBias: l.bias !== null })),
    backend,
  );
  layers.forEach((draft, l) => {
    const layer = model.layers[l]!;
    // Rounded to float32 once, here; a value past float32's range becomes infinite and is refused.
    const weights = Float32Array.from(draft.weights);
    const bias = Float32Array.from(draft.bias ?? []);
    if ([weights, bias].some((values) => values.some((v) => !Number.isFinite(v)))) {
      throw new ModelFormatError(`layer ${l + 1}`, 'has NaN or infinite weights');
    }
    layer.W.data.set(weights);
    if (layer.b !== null) layer.b.data.set(bias);
  });
  if (ours) {
    let metadata: unknown;
    try {
      metadata = JSON.parse(onnx.metadata[ONNX_METADATA_KEY]!);
    } catch (error) {
      throw new ModelFormatError(`metadata_props "${ONNX_METADATA_KEY}"`, `is not valid JSON (${(error as Error).message})`);
    }
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) throw new ModelFormatError(`metadata_props "${ONNX_METADATA_KEY}"`, 'must be a JSON object');
    model.metadata = metadata as Record<string, unknown>;
  } else {
    model.metadata = { loss: defaultLossFor(model), importedFrom: { format: 'onnx', producer: `${onnx.producerName} ${onnx.producerVersion}`.trim(), opset: opsetOf(onnx) } };
  }
  return model;
}

/** A Gemm (A·B' · alpha + C · beta) or MatMul (A·B) with constant B as a new layer. */
function denseLayer(node: OnnxNode, constants: ReadonlyMap<string, OnnxTensor>, at: string, inputSize: number): LayerDraft {
  const weights = constantInput(node, 1, 'B', constants, at);
  if (weights.dims.length !== 2) throw new ModelFormatError(at, `has weights "${weights.name}" of shape [${weights.dims.join(', ')}]; a layer needs a 2-D matrix`);
  const gemm = node.opType === 'Gemm';
  const transA = gemm ? intAttribute(node, 'transA', 0) : 0;
  const transB = gemm ? intAttribute(node, 'transB', 0) : 0;
  if (transB !== 0 && transB !== 1) throw new ModelFormatError(at, `is Gemm with transB ${transB}; ONNX allows 0 or 1`);
  if (transA !== 0) throw new ModelFormatError(at, `is Gemm with transA ${transA}; backprop reads transA 0 (rows are samples)`);
  const alpha = gemm ? floatAttribute(node, 'alpha', 1) : 1;
  const beta = gemm ? floatAttribute(node, 'beta', 1) : 1;
  const [rows, cols] = weights.dims as [number, number];
  const [nIn, nOut] = transB === 1 ? [cols, rows] : [rows, cols];
  if (nIn < 1 || nOut < 1) throw new ModelFormatError(at, `has weights "${weights.name}" of shape [${weights.dims.join(', ')}]; a layer needs at least one input and one unit`);
  if (nIn !== inputSize) throw new ModelFormatError(at, `has weights for ${nIn} inputs but receives ${inputSize} values per row`);
  const source = weights.floats!;
  const W = new Float64Array(nIn * nOut);
  for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) W[i * nOut + j] = alpha * source[transB === 1 ? j * cols + i : i * cols + j]!;
  let bias: Float64Array | null = null;
  if (gemm && node.inputs.length > 2 && node.inputs[2] !== '') bias = biasValues(constantInput(node, 2, 'C', constants, at), nOut, at, beta);
  return { inputSize: nIn, units: nOut, weights: W, bias, activation: null, alpha: DEFAULT_LEAKY_ALPHA, fromMatMul: !gemm, normalized: false };
}

/** An Add after a MatMul: the layer's bias. */
function addBias(node: OnnxNode, constants: ReadonlyMap<string, OnnxTensor>, at: string, layer: LayerDraft | undefined): void {
  if (layer === undefined || !layer.fromMatMul || layer.bias !== null || layer.activation !== null || layer.normalized) {
    throw new ModelFormatError(at, 'is an Add that is not the bias right after a MatMul; backprop cannot import it');
  }
  layer.bias = biasValues(constantInput(node, 1, 'B', constants, at), layer.units, at, 1);
}

/** A BatchNormalization (inference) right after a layer's Gemm, MatMul or MatMul + Add: folded into its weights and bias. */
function batchNorm(node: OnnxNode, constants: ReadonlyMap<string, OnnxTensor>, at: string, layer: LayerDraft | undefined): void {
  if (layer === undefined || layer.activation !== null || layer.normalized) {
    const where = layer === undefined ? 'before any layer' : layer.normalized ? 'after another BatchNormalization' : 'after an activation';
    throw new ModelFormatError(at, `applies BatchNormalization ${where}; backprop folds a BatchNormalization only right after a layer's Gemm or MatMul (+ Add)`);
  }
  const parameter = (index: number, role: string) => constantInput(node, index, role, constants, at);
  const parameters = { scale: parameter(1, 'scale'), bias: parameter(2, 'B'), mean: parameter(3, 'input_mean'), variance: parameter(4, 'input_var'), epsilon: floatAttribute(node, 'epsilon', Math.fround(1e-5)) };
  foldBatchNorm(layer, parameters, at);
  layer.normalized = true;
}

/** A 2-D float tensor transposed, under a new name. */
function transposed(tensor: OnnxTensor, name: string): OnnxTensor {
  const [rows, cols] = tensor.dims as [number, number];
  const floats = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) floats[j * rows + i] = tensor.floats![i * cols + j]!;
  return { name, dims: [cols, rows], dataType: tensor.dataType, floats };
}

function biasValues(tensor: OnnxTensor, units: number, at: string, beta: number): Float64Array {
  const count = tensor.floats!.length;
  const shapeFits = tensor.dims.length <= 1 || (tensor.dims.length === 2 && tensor.dims[0] === 1);
  if (!shapeFits || (count !== units && count !== 1)) throw new ModelFormatError(at, `has a bias "${tensor.name}" of shape [${tensor.dims.join(', ')}] for ${units} units`);
  return Float64Array.from({ length: units }, (_, j) => beta * tensor.floats![count === 1 ? 0 : j]!);
}

function constantInput(node: OnnxNode, index: number, role: string, constants: ReadonlyMap<string, OnnxTensor>, at: string): OnnxTensor {
  const name = node.inputs[index];
  if (name === undefined || name === '') throw new ModelFormatError(at, `(${node.opType}) has no input ${role}`);
  const tensor = constants.get(name);
  if (tensor === undefined) throw new ModelFormatError(at, `(${node.opType}) reads ${role} "${name}", which is not an initializer or Constant (missing initializer)`);
  if (tensor.floats === undefined) throw new ModelFormatError(at, `(${node.opType}) reads ${role} "${name}" of data type ${tensor.dataType}; backprop reads float32 weights`);
  return tensor;
}

function featureCount(shape: readonly (number | string | null)[] | null, name: string): number {
  const at = `graph.input "${name}"`;
  if (shape === null || shape.length < 2) throw new ModelFormatError(at, `has shape ${shape === null ? 'unknown' : shapeText(shape)}; backprop needs [batch, features]`);
  const rest = shape.slice(1);
  if (!rest.every((d): d is number => typeof d === 'number' && d > 0)) throw new ModelFormatError(at, `has shape ${shapeText(shape)}; every dimension after the batch must be a fixed size`);
  const count = rest.reduce((p, d) => p * d, 1);
  if (count > 1e8) throw new ModelFormatError(at, `has an absurd number of features (${count})`);
  return count;
}

/** A value's shape as the messages write it; a dimension with neither a size nor a name is "?". */
function shapeText(shape: readonly (number | string | null)[]): string {
  return `[${shape.map((d) => (d === null || d === '' ? '?' : d)).join(', ')}]`;
}

/** The shortest decimal that rounds to the same float32 (PyTorch's 0.2 is stored as 0.200000003). */
function shortestDecimal(value: number): number {
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === Math.fround(value)) return candidate;
  }
  return value;
}

/** The encoded input width stored in exportOnnx's metadata (preprocessing.encoding.width), if any. */
function encodedWidthOf(json: string): number | undefined {
  try {
    const width = (JSON.parse(json) as { preprocessing?: { encoding?: { width?: unknown } } } | null)?.preprocessing?.encoding?.width;
    return typeof width === 'number' && Number.isInteger(width) && width > 0 && width <= 1e8 ? width : undefined;
  } catch {
    return undefined; // reported where the metadata is read
  }
}

function opsetOf(onnx: OnnxModel): number {
  return onnx.opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version ?? 1;
}

function attribute(node: OnnxNode, name: string): OnnxAttribute | undefined {
  return node.attributes.find((a) => a.name === name);
}

function intAttribute(node: OnnxNode, name: string, fallback: number): number {
  return attribute(node, name)?.i ?? fallback;
}

function floatAttribute(node: OnnxNode, name: string, fallback: number): number {
  return attribute(node, name)?.f ?? fallback;
}
