/**
 * `exportOnnx(model)`: a model and its stored prediction pipeline as one ONNX graph (opset 13),
 * so ONNX Runtime computes from raw rows what `backprop predict` computes:
 *
 *   input [batch, features] float32 (raw values); for a model with an encoding stage (CSV tables:
 *   imputation, categorical columns) "input" holds its numeric columns and "categories" [batch, k]
 *   string its categorical ones, see encoding-graph.ts (opset 20 when there are categories)
 *     → encoding (Gather, Where(IsNaN), RegexFullMatch (a trimmed cell against each category) → Concat → Cast, Concat)
 *     → preprocessing, one function per transform kind (Mul/Add, ReduceL2/Max/Div)  → "features"
 *     → per layer (nodes layerN/...): Gemm (W n_in × n_out, transB 0; bias as C), then the activation  → "network_output"
 *     → classifier: "probabilities" [batch, classes] float32 and "label" [batch] string
 *       (ArgMax, or p ≥ 0.5 for one output, then Gather from a constant string tensor of the class names);
 *       regression: "values" [batch, targets] float32 in original units (inverse target chain).
 *
 * Node names are prefixed preprocess/, layerN/, network/ and postprocess/; metadata_props
 * "backprop.metadata" holds the model file's metadata (JSON), so `importOnnx` can restore it.
 */
import type { Preprocessing } from '../data/preprocessing.js';
import type { FittedTransform } from '../data/transforms.js';
import { classNamesOf, columnScaleShift, exportedMlp, missingMarkersOf, modelPipeline, targetNamesOf, UnsupportedPipelineError, type ExportableModel } from '../io/model-pipeline.js';
import type { Mlp } from '../nn/mlp.js';
import { encodingGraph, hasCategories, ONNX_STRING_OPSET } from './encoding-graph.js';
import { floatAttribute, GraphBuilder, intAttribute, intsAttribute } from './graph-builder.js';
import { DATA_TYPE, encodeModel, type OnnxModel } from './onnx-schema.js';

/** The opset the exported graphs are written for. */
export const ONNX_OPSET = 13;
/** Names of the exported graph's input and outputs. */
export const ONNX_NAMES = { input: 'input', categories: 'categories', features: 'features', networkOutput: 'network_output', probabilities: 'probabilities', label: 'label', values: 'values' } as const;
/** The metadata_props key holding the model file's metadata as JSON. */
export const ONNX_METADATA_KEY = 'backprop.metadata';

/** Writes one fitted input transform; returns the name of its output. One entry per transform kind. */
type TransformExporter = (b: GraphBuilder, t: FittedTransform, input: string, prefix: string) => string;

/** y = x·scale + shift, per column or for every value. */
function linear(b: GraphBuilder, prefix: string, input: string, scale: readonly number[], shift: readonly number[], dims: readonly number[]): string {
  const scaled = b.node(`${prefix}/Mul`, 'Mul', [input, b.constant(`${prefix}/scale`, scale, dims)]);
  return b.node(`${prefix}/Add`, 'Add', [scaled, b.constant(`${prefix}/shift`, shift, dims)]);
}

const INPUT_EXPORTERS: Readonly<Record<string, TransformExporter>> = {
  affine: (b, t, input, prefix) => {
    const a = t as Extract<FittedTransform, { kind: 'affine' }>;
    return linear(b, prefix, input, [a.scale], [a.shift], []);
  },
  standardize: (b, t, input, prefix) => {
    const { scale, shift } = columnScaleShift(t as Extract<FittedTransform, { kind: 'standardize' }>);
    return linear(b, prefix, input, scale, shift, [scale.length]);
  },
  minMax: (b, t, input, prefix) => {
    const { scale, shift } = columnScaleShift(t as Extract<FittedTransform, { kind: 'minMax' }>);
    return linear(b, prefix, input, scale, shift, [scale.length]);
  },
  l2Rows: (b, _t, input, prefix) => {
    // x / max(‖x‖₂, smallest normal float): a zero row stays zero, as in data/transforms.ts.
    // From opset 18 the axes are an input, before that an attribute.
    const norm =
      b.opset >= 18
        ? b.node(`${prefix}/ReduceL2`, 'ReduceL2', [input, b.ints(`${prefix}/axes`, [1])], [intAttribute('keepdims', 1)])
        : b.node(`${prefix}/ReduceL2`, 'ReduceL2', [input], [intsAttribute('axes', [1]), intAttribute('keepdims', 1)]);
    const safe = b.node(`${prefix}/Max`, 'Max', [norm, b.constant(`${prefix}/tiny`, [1.1754943508222875e-38], [])]);
    return b.node(`${prefix}/Div`, 'Div', [input, safe]);
  },
};

/** Writes the inverse of one fitted target transform (network output → original units). */
function invertTarget(b: GraphBuilder, t: FittedTransform, input: string, prefix: string, outputs: number): string {
  let scale: number[];
  let shift: number[];
  if (t.kind === 'affine') [scale, shift] = [[t.scale], [t.shift]];
  else if (t.kind === 'standardize' || t.kind === 'minMax') ({ scale, shift } = columnScaleShift(t));
  else throw new UnsupportedPipelineError(`cannot export the target transform ${JSON.stringify(t.kind)} to ONNX: it cannot be inverted`);
  const dims = scale.length === 1 && t.kind === 'affine' ? [] : [outputs];
  const shifted = b.node(`${prefix}/Sub`, 'Sub', [input, b.constant(`${prefix}/shift`, shift, dims)]);
  return b.node(`${prefix}/Div`, 'Div', [shifted, b.constant(`${prefix}/scale`, scale, dims)]);
}

/** The activation of one layer as nodes (none for linear). */
function activation(b: GraphBuilder, layer: Mlp['layers'][number], input: string, prefix: string): string {
  switch (layer.activation) {
    case 'linear':
      return input;
    case 'sigmoid':
      return b.node(`${prefix}/Sigmoid`, 'Sigmoid', [input]);
    case 'tanh':
      return b.node(`${prefix}/Tanh`, 'Tanh', [input]);
    case 'relu':
      return b.node(`${prefix}/Relu`, 'Relu', [input]);
    case 'leakyRelu':
      return b.node(`${prefix}/LeakyRelu`, 'LeakyRelu', [input], [floatAttribute('alpha', layer.alpha)]);
    case 'softmax':
      return b.node(`${prefix}/Softmax`, 'Softmax', [input], [intAttribute('axis', 1)]);
  }
}

/** The ONNX graph of `given` (an Mlp, or a fitted Classifier / Regressor as its model file) and its prediction pipeline, as data (see `exportOnnx` for bytes). */
export function onnxModelOf(given: ExportableModel, call = 'onnxModelOf'): OnnxModel {
  const model = exportedMlp(given, call);
  const prep: Preprocessing = modelPipeline(model, 'ONNX');
  const encoding = prep.encoding;
  const strings = hasCategories(encoding);
  const opset = strings ? ONNX_STRING_OPSET : ONNX_OPSET;
  const b = new GraphBuilder(opset);
  let current: string = encoding === undefined ? ONNX_NAMES.input : encodingGraph(b, encoding, ONNX_NAMES.input, ONNX_NAMES.categories, missingMarkersOf(model));
  prep.inputs.forEach((t, i) => {
    const exporter = INPUT_EXPORTERS[t.kind];
    if (exporter === undefined) throw new UnsupportedPipelineError(`cannot export preprocessing.inputs[${i}] of kind ${JSON.stringify(t.kind)} to ONNX`);
    current = exporter(b, t, current, `preprocess/${i}/${t.kind}`);
  });
  if (prep.inputs.length > 0 || encoding !== undefined) current = b.node('preprocess/features', 'Identity', [current], [], ONNX_NAMES.features);
  model.layers.forEach((layer, l) => {
    const prefix = `layer${l + 1}`;
    const weights = b.constant(`${prefix}/W`, layer.W.data, [layer.inputSize, layer.units]);
    const inputs = layer.b === null ? [current, weights] : [current, weights, b.constant(`${prefix}/b`, layer.b.data, [layer.units])];
    current = activation(b, layer, b.node(`${prefix}/Gemm`, 'Gemm', inputs), prefix);
  });
  current = b.node('network/output', 'Identity', [current], [], ONNX_NAMES.networkOutput);
  const batch = 'batch';
  const outputs: OnnxModel['graph']['outputs'][number][] = [];
  if (prep.task === 'classification') {
    const classes = classNamesOf(prep, model.outputSize);
    let probabilities = current;
    if (model.outputSize === 1) {
      const negative = b.node('postprocess/one_minus', 'Sub', [b.constant('postprocess/one', [1], []), current]);
      probabilities = b.node('postprocess/binary', 'Concat', [negative, current], [intAttribute('axis', 1)]);
    }
    b.node('postprocess/probabilities', 'Identity', [probabilities], [], ONNX_NAMES.probabilities);
    // A one-output classifier says class 1 from p >= 0.5 (ties included), as metrics.classLabels does.
    const index =
      model.outputSize === 1
        ? b.node('postprocess/Squeeze', 'Squeeze', [
            b.node('postprocess/Cast', 'Cast', [b.node('postprocess/GreaterOrEqual', 'GreaterOrEqual', [current, b.constant('postprocess/half', [0.5], [])])], [intAttribute('to', DATA_TYPE.int64)]),
            b.ints('postprocess/axes', [1]),
          ])
        : b.node('postprocess/ArgMax', 'ArgMax', [probabilities], [intAttribute('axis', 1), intAttribute('keepdims', 0)]);
    b.node('postprocess/label', 'Gather', [b.strings('postprocess/class_names', classes), index], [intAttribute('axis', 0)], ONNX_NAMES.label);
    outputs.push({ name: ONNX_NAMES.probabilities, elemType: DATA_TYPE.float, shape: [batch, classes.length] });
    outputs.push({ name: ONNX_NAMES.label, elemType: DATA_TYPE.string, shape: [batch] });
  } else {
    let values = current;
    [...prep.targets].reverse().forEach((t, i) => (values = invertTarget(b, t, values, `postprocess/${prep.targets.length - 1 - i}/${t.kind}`, model.outputSize)));
    b.node('postprocess/values', 'Identity', [values], [], ONNX_NAMES.values);
    outputs.push({ name: ONNX_NAMES.values, elemType: DATA_TYPE.float, shape: [batch, model.outputSize] });
  }
  const classes = prep.task === 'classification' ? classNamesOf(prep, model.outputSize) : targetNamesOf(prep, model.outputSize);
  const numericNames = encoding === undefined ? prep.featureNames : encoding.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  const categoryNames = encoding === undefined ? [] : encoding.columns.filter((c) => c.kind === 'categorical').map((c) => c.name);
  const inputs: OnnxModel['graph']['inputs'][number][] = [];
  if (numericNames.length > 0) inputs.push({ name: ONNX_NAMES.input, elemType: DATA_TYPE.float, shape: [batch, numericNames.length] });
  if (strings) inputs.push({ name: ONNX_NAMES.categories, elemType: DATA_TYPE.string, shape: [batch, categoryNames.length] });
  const listed = (names: readonly string[]) => (names.length <= 12 ? names.join(', ') : `${names.length} values`);
  const inputDoc =
    `input "${ONNX_NAMES.input}" [batch, ${numericNames.length}] raw ${listed(numericNames)}` +
    (encoding === undefined ? '' : ' (NaN = missing)') +
    (strings ? `; input "${ONNX_NAMES.categories}" [batch, ${categoryNames.length}] strings ${listed(categoryNames)} (compared after trimming surrounding whitespace, as backprop's CSV reader trims a cell; case matters; an unseen category encodes as zeros)` : '');
  return {
    // IR version 9 goes with opsets 19 and 20.
    irVersion: strings ? 9 : 7,
    opsets: [{ domain: '', version: opset }],
    producerName: 'backprop',
    producerVersion: '0.1.0',
    docString: `backprop MLP ${model.sizes.join('-')} (${prep.task}); ${inputDoc}; outputs ${outputs.map((o) => `"${o.name}"`).join(', ')} over ${classes.length <= 12 ? classes.join(', ') : `${classes.length} names`}`,
    metadata: { [ONNX_METADATA_KEY]: JSON.stringify(model.metadata) },
    graph: {
      name: 'backprop_mlp',
      nodes: b.nodes,
      initializers: b.initializers,
      inputs,
      outputs,
    },
  };
}

/** The model and its stored preprocessing as ONNX protobuf bytes (opset 13, or 20 with categorical columns; dynamic batch). */
export function exportOnnx(model: ExportableModel): Uint8Array {
  return encodeModel(onnxModelOf(model, 'exportOnnx'));
}
