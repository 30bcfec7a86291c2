/**
 * The checking decoder of the ONNX subset in onnx-schema.ts. Fields outside the subset are
 * skipped. Every malformed input throws a ModelFormatError naming the message path (e.g.
 * `graph.initializer[2].raw_data`) and the byte offset; no length is trusted before it is
 * checked against the bytes that are there.
 */
import { ModelFormatError } from '../io/model-format-error.js';
import { DATA_TYPE, type OnnxAttribute, type OnnxGraph, type OnnxModel, type OnnxNode, type OnnxTensor, type OnnxValueInfo } from './onnx-schema.js';
import { ProtobufError, WIRE, readFields, readVarint, signedVarint, utf8, type WireField } from './protobuf.js';

/** Parses ONNX protobuf bytes; throws ModelFormatError naming the field and byte offset of any problem. */
export function decodeModel(bytes: Uint8Array): OnnxModel {
  if (bytes.length === 0) throw new ModelFormatError('(file)', 'is empty, not an ONNX model');
  let irVersion = 0;
  let producerName = '';
  let producerVersion = '';
  let docString = '';
  let graph: OnnxGraph | undefined;
  const opsets: { domain: string; version: number }[] = [];
  const metadata: Record<string, string> = {};
  for (const f of fields(bytes, 0, '(model)')) {
    if (f.field === 1) irVersion = varint(f, 'ir_version');
    else if (f.field === 2) producerName = text(f, 'producer_name');
    else if (f.field === 3) producerVersion = text(f, 'producer_version');
    else if (f.field === 6) docString = text(f, 'doc_string');
    else if (f.field === 7) graph = decodeGraph(message(f, 'graph'), 'graph', f.offset);
    else if (f.field === 8) {
      const at = `opset_import[${opsets.length}]`;
      let domain = '';
      let version = 0;
      for (const o of fields(message(f, at), f.offset, at)) {
        if (o.field === 1) domain = text(o, `${at}.domain`);
        else if (o.field === 2) version = varint(o, `${at}.version`);
      }
      opsets.push({ domain, version });
    } else if (f.field === 14) {
      const at = `metadata_props[${Object.keys(metadata).length}]`;
      let key = '';
      let value = '';
      for (const e of fields(message(f, at), f.offset, at)) {
        if (e.field === 1) key = text(e, `${at}.key`);
        else if (e.field === 2) value = text(e, `${at}.value`);
      }
      metadata[key] = value;
    }
  }
  if (graph === undefined) throw new ModelFormatError('graph', 'is missing: this is not an ONNX model (or it is truncated)');
  return { irVersion, opsets, producerName, producerVersion, docString, metadata, graph };
}

function decodeGraph(bytes: Uint8Array, at: string, base: number): OnnxGraph {
  let name = '';
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  const inputs: OnnxValueInfo[] = [];
  const outputs: OnnxValueInfo[] = [];
  for (const f of fields(bytes, base, at)) {
    if (f.field === 1) nodes.push(decodeNode(message(f, `${at}.node[${nodes.length}]`), `${at}.node[${nodes.length}]`, f.offset));
    else if (f.field === 2) name = text(f, `${at}.name`);
    else if (f.field === 5) initializers.push(decodeTensor(message(f, `${at}.initializer[${initializers.length}]`), `${at}.initializer[${initializers.length}]`, f.offset));
    else if (f.field === 11) inputs.push(decodeValueInfo(message(f, `${at}.input[${inputs.length}]`), `${at}.input[${inputs.length}]`, f.offset));
    else if (f.field === 12) outputs.push(decodeValueInfo(message(f, `${at}.output[${outputs.length}]`), `${at}.output[${outputs.length}]`, f.offset));
    else if (f.field === 15) throw new ModelFormatError(`${at}.sparse_initializer`, 'is not supported (sparse tensors)');
  }
  return { name, nodes, initializers, inputs, outputs };
}

function decodeNode(bytes: Uint8Array, at: string, base: number): OnnxNode {
  const inputs: string[] = [];
  const outputs: string[] = [];
  const attributes: OnnxAttribute[] = [];
  let name = '';
  let opType = '';
  let domain = '';
  for (const f of fields(bytes, base, at)) {
    if (f.field === 1) inputs.push(text(f, `${at}.input`));
    else if (f.field === 2) outputs.push(text(f, `${at}.output`));
    else if (f.field === 3) name = text(f, `${at}.name`);
    else if (f.field === 4) opType = text(f, `${at}.op_type`);
    else if (f.field === 5) attributes.push(decodeAttribute(message(f, `${at}.attribute[${attributes.length}]`), `${at}.attribute[${attributes.length}]`, f.offset));
    else if (f.field === 7) domain = text(f, `${at}.domain`);
  }
  if (opType === '') throw new ModelFormatError(`${at}.op_type`, 'is missing');
  return { name, opType, domain, inputs, outputs, attributes };
}

function decodeAttribute(bytes: Uint8Array, at: string, base: number): OnnxAttribute {
  let name = '';
  let type = 0;
  const parts: { f?: number; i?: number; s?: string; t?: OnnxTensor } = {};
  const ints: number[] = [];
  const floats: number[] = [];
  for (const f of fields(bytes, base, at)) {
    if (f.field === 1) name = text(f, `${at}.name`);
    else if (f.field === 20) type = varint(f, `${at}.type`);
    else if (f.field === 2) parts.f = float32(f, `${at}.f`);
    else if (f.field === 3) parts.i = signedVarint(expectWire(f, WIRE.varint, `${at}.i`));
    else if (f.field === 4) parts.s = text(f, `${at}.s`);
    else if (f.field === 5) parts.t = decodeTensor(message(f, `${at}.t`), `${at}.t`, f.offset);
    else if (f.field === 7) append(floats, floatValues(f, `${at}.floats`));
    else if (f.field === 8) append(ints, intValues(f, `${at}.ints`));
  }
  return { name, type, ...parts, ...(ints.length > 0 ? { ints } : {}), ...(floats.length > 0 ? { floats } : {}) };
}

function decodeTensor(bytes: Uint8Array, at: string, base: number): OnnxTensor {
  let name = '';
  let dataType = 0;
  const dims: number[] = [];
  let raw: Uint8Array | undefined;
  const floatData: number[] = [];
  const intData: number[] = [];
  const strings: string[] = [];
  for (const f of fields(bytes, base, at)) {
    if (f.field === 1) append(dims, intValues(f, `${at}.dims`));
    else if (f.field === 2) dataType = varint(f, `${at}.data_type`);
    else if (f.field === 4) append(floatData, floatValues(f, `${at}.float_data`));
    else if (f.field === 5 || f.field === 7) append(intData, intValues(f, `${at}.${f.field === 5 ? 'int32' : 'int64'}_data`));
    else if (f.field === 6) strings.push(text(f, `${at}.string_data`));
    else if (f.field === 8) name = text(f, `${at}.name`);
    else if (f.field === 9) raw = message(f, `${at}.raw_data`);
    else if (f.field === 10) throw new ModelFormatError(`${at}.double_data`, 'holds float64 values; backprop reads float32 tensors');
    else if (f.field === 14 && f.varint === 1) throw new ModelFormatError(`${at}.data_location`, 'is EXTERNAL: weights in a separate file are not supported');
  }
  const label = name === '' ? at : `${at} ("${name}")`;
  if (dims.some((d) => d < 0)) throw new ModelFormatError(`${label}.dims`, `has a negative dimension: [${dims.join(', ')}]`);
  const count = dims.reduce((p, d) => p * d, 1);
  if (!Number.isSafeInteger(count)) throw new ModelFormatError(`${label}.dims`, `describe an absurd size: [${dims.join(', ')}]`);
  const tensor = { name, dims, dataType };
  if (dataType === DATA_TYPE.float) {
    if (raw !== undefined) {
      if (raw.length !== count * 4) throw new ModelFormatError(`${label}.raw_data`, `holds ${raw.length} bytes but dims [${dims.join(', ')}] need ${count * 4}`);
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      const floats = new Float32Array(count);
      for (let i = 0; i < count; i++) floats[i] = view.getFloat32(i * 4, true);
      return { ...tensor, floats };
    }
    if (floatData.length !== count) throw new ModelFormatError(`${label}.float_data`, `holds ${floatData.length} values but dims [${dims.join(', ')}] need ${count}`);
    return { ...tensor, floats: Float32Array.from(floatData) };
  }
  if (dataType === DATA_TYPE.int64 || dataType === DATA_TYPE.int32) {
    if (raw !== undefined) {
      const size = dataType === DATA_TYPE.int64 ? 8 : 4;
      if (raw.length !== count * size) throw new ModelFormatError(`${label}.raw_data`, `holds ${raw.length} bytes but dims [${dims.join(', ')}] need ${count * size}`);
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      const ints = Array.from({ length: count }, (_, i) => (size === 8 ? Number(view.getBigInt64(i * 8, true)) : view.getInt32(i * 4, true)));
      return { ...tensor, ints };
    }
    if (intData.length !== count) throw new ModelFormatError(`${label}`, `holds ${intData.length} integers but dims [${dims.join(', ')}] need ${count}`);
    return { ...tensor, ints: intData };
  }
  if (dataType === DATA_TYPE.bool) {
    // One byte per value in raw_data, or int32_data (a Dropout's training_mode flag): read as 0 / 1 integers.
    const ints = raw === undefined ? intData : Array.from(raw, (b) => (b === 0 ? 0 : 1));
    if (ints.length !== count) throw new ModelFormatError(`${label}`, `holds ${ints.length} booleans but dims [${dims.join(', ')}] need ${count}`);
    return { ...tensor, ints };
  }
  if (dataType === DATA_TYPE.string) {
    if (strings.length !== count) throw new ModelFormatError(`${label}.string_data`, `holds ${strings.length} strings but dims [${dims.join(', ')}] need ${count}`);
    return { ...tensor, strings };
  }
  return tensor;
}

function decodeValueInfo(bytes: Uint8Array, at: string, base: number): OnnxValueInfo {
  let name = '';
  let elemType = 0;
  let shape: (number | string | null)[] | null = null;
  for (const f of fields(bytes, base, at)) {
    if (f.field === 1) name = text(f, `${at}.name`);
    else if (f.field === 2) {
      for (const t of fields(message(f, `${at}.type`), f.offset, `${at}.type`)) {
        if (t.field !== 1) continue;
        for (const tt of fields(message(t, `${at}.type.tensor_type`), t.offset, `${at}.type.tensor_type`)) {
          if (tt.field === 1) elemType = varint(tt, `${at}.type.tensor_type.elem_type`);
          else if (tt.field === 2) {
            shape = [];
            for (const d of fields(message(tt, `${at}.type.tensor_type.shape`), tt.offset, `${at}.type.tensor_type.shape`)) {
              if (d.field !== 1) continue;
              let dim: number | string | null = null;
              for (const v of fields(message(d, `${at}.shape.dim`), d.offset, `${at}.shape.dim`)) {
                if (v.field === 1) dim = signedVarint(expectWire(v, WIRE.varint, `${at}.shape.dim.dim_value`));
                else if (v.field === 2) dim = text(v, `${at}.shape.dim.dim_param`);
              }
              shape.push(dim);
            }
          }
        }
      }
    }
  }
  return { name, elemType, shape };
}

// ---------------------------------------------------------------- field helpers

/** Appends without spreading (a spread of 100 000 values would overflow the call stack). */
function append(target: number[], values: readonly number[]): void {
  for (const v of values) target.push(v);
}

function fields(bytes: Uint8Array, base: number, at: string): WireField[] {
  try {
    return [...readFields(bytes, base)];
  } catch (error) {
    if (error instanceof ProtobufError) throw new ModelFormatError(at, error.message);
    throw error;
  }
}

function expectWire(f: WireField, wireType: number, at: string): WireField {
  if (f.wireType !== wireType) throw new ModelFormatError(at, `has wire type ${f.wireType}, expected ${wireType} (at byte ${f.offset})`);
  return f;
}

function varint(f: WireField, at: string): number {
  return expectWire(f, WIRE.varint, at).varint;
}

function message(f: WireField, at: string): Uint8Array {
  return expectWire(f, WIRE.lengthDelimited, at).bytes;
}

function text(f: WireField, at: string): string {
  return utf8(message(f, at));
}

function float32(f: WireField, at: string): number {
  const b = expectWire(f, WIRE.fixed32, at).bytes;
  return new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);
}

/** Repeated floats: packed (one length-delimited field) or one fixed32 field each. */
function floatValues(f: WireField, at: string): number[] {
  if (f.wireType === WIRE.fixed32) return [float32(f, at)];
  const b = message(f, at);
  if (b.length % 4 !== 0) throw new ModelFormatError(at, `packed floats take ${b.length} bytes, not a multiple of 4 (at byte ${f.offset})`);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return Array.from({ length: b.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

/** Repeated int64/int32: packed or one varint field each. */
function intValues(f: WireField, at: string): number[] {
  if (f.wireType === WIRE.varint) return [signedVarint(f)];
  const b = message(f, at);
  const out: number[] = [];
  try {
    for (let i = 0; i < b.length; ) {
      const [, next] = readVarint(b, i, f.offset);
      out.push(signedVarint({ field: 0, wireType: 0, varint: 0, bytes: b.subarray(i, next), offset: f.offset + i }));
      i = next;
    }
  } catch (error) {
    if (error instanceof ProtobufError) throw new ModelFormatError(at, error.message);
    throw error;
  }
  return out;
}
