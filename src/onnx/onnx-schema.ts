/**
 * The subset of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto) that an MLP needs, as plain
 * TypeScript data, with its encoder and a checking decoder: ModelProto, OperatorSetIdProto,
 * StringStringEntryProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto,
 * TypeProto (tensors only) and TensorShapeProto, and the encoder; onnx-decode.ts reads them back.
 */
import { ProtobufWriter } from './protobuf.js';

/** TensorProto.DataType values used here. */
export const DATA_TYPE = { float: 1, int32: 6, int64: 7, string: 8, bool: 9, double: 11 } as const;
/** AttributeProto.AttributeType values used here. */
export const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7, strings: 8 } as const;

/** A tensor: its dims and, by data type, its values. */
export interface OnnxTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly dataType: number;
  readonly floats?: Float32Array;
  readonly ints?: readonly number[];
  readonly strings?: readonly string[];
}

/** A node attribute (only the kinds an MLP uses). */
export interface OnnxAttribute {
  readonly name: string;
  readonly type: number;
  readonly f?: number;
  readonly i?: number;
  readonly s?: string;
  readonly t?: OnnxTensor;
  readonly ints?: readonly number[];
  readonly floats?: readonly number[];
}

/** One operator application. */
export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: readonly OnnxAttribute[];
}

/** A graph input or output: name, element type, shape (a number, a symbolic name, or unknown). */
export interface OnnxValueInfo {
  readonly name: string;
  readonly elemType: number;
  readonly shape: readonly (number | string | null)[] | null;
}

/** The graph: nodes in topological order, constant tensors, inputs and outputs. */
export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

/** A whole model file. */
export interface OnnxModel {
  readonly irVersion: number;
  readonly opsets: readonly { readonly domain: string; readonly version: number }[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly graph: OnnxGraph;
}

// ---------------------------------------------------------------- encoding

/** The model as ONNX protobuf bytes. */
export function encodeModel(model: OnnxModel): Uint8Array {
  const w = new ProtobufWriter().int(1, model.irVersion).string(2, model.producerName).string(3, model.producerVersion);
  if (model.docString !== '') w.string(6, model.docString);
  w.message(7, (g) => encodeGraph(g, model.graph));
  for (const opset of model.opsets) w.message(8, (o) => o.string(1, opset.domain).int(2, opset.version));
  for (const [key, value] of Object.entries(model.metadata)) w.message(14, (e) => e.string(1, key).string(2, value));
  return w.finish();
}

function encodeGraph(w: ProtobufWriter, graph: OnnxGraph): void {
  for (const node of graph.nodes) w.message(1, (n) => encodeNode(n, node));
  w.string(2, graph.name);
  for (const tensor of graph.initializers) w.message(5, (t) => encodeTensor(t, tensor));
  for (const input of graph.inputs) w.message(11, (v) => encodeValueInfo(v, input));
  for (const output of graph.outputs) w.message(12, (v) => encodeValueInfo(v, output));
}

function encodeNode(w: ProtobufWriter, node: OnnxNode): void {
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, node.name).string(4, node.opType);
  for (const attribute of node.attributes) w.message(5, (a) => encodeAttribute(a, attribute));
  if (node.domain !== '') w.string(7, node.domain);
}

function encodeAttribute(w: ProtobufWriter, a: OnnxAttribute): void {
  w.string(1, a.name);
  if (a.f !== undefined) w.float(2, a.f);
  if (a.i !== undefined) w.int(3, a.i);
  if (a.s !== undefined) w.string(4, a.s);
  if (a.t !== undefined) w.message(5, (t) => encodeTensor(t, a.t!));
  if (a.floats !== undefined) for (const f of a.floats) w.float(7, f);
  if (a.ints !== undefined) w.packedInts(8, a.ints);
  w.int(20, a.type);
}

function encodeTensor(w: ProtobufWriter, t: OnnxTensor): void {
  w.packedInts(1, t.dims).int(2, t.dataType);
  if (t.strings !== undefined) for (const s of t.strings) w.string(6, s);
  if (t.ints !== undefined) w.packedInts(7, t.ints);
  w.string(8, t.name);
  if (t.floats !== undefined) {
    const raw = new Uint8Array(t.floats.length * 4);
    const view = new DataView(raw.buffer);
    t.floats.forEach((v, i) => view.setFloat32(i * 4, v, true));
    w.bytes(9, raw);
  }
}

function encodeValueInfo(w: ProtobufWriter, v: OnnxValueInfo): void {
  w.string(1, v.name);
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, v.elemType);
      if (v.shape !== null) {
        tensor.message(2, (shape) => {
          for (const d of v.shape!) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : typeof d === 'string' ? dim.string(2, d) : dim));
        });
      }
    }),
  );
}
