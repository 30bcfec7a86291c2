/**
 * Malformed and unsupported ONNX files: every refusal is a ModelFormatError with one line that
 * names the field or node; a seeded fuzz run of truncations, bit flips and absurd lengths never
 * ends in any other error (no RangeError, no out-of-memory, no hang).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelFormatError } from '../src/io/model-format-error.js';
import { Mlp } from '../src/nn/mlp.js';
import { exportOnnx } from '../src/onnx/export.js';
import { importOnnx } from '../src/onnx/import.js';
import { decodeModel } from '../src/onnx/onnx-decode.js';
import { ATTRIBUTE_TYPE, DATA_TYPE, encodeModel, type OnnxGraph, type OnnxModel, type OnnxNode } from '../src/onnx/onnx-schema.js';
import { ProtobufWriter } from '../src/onnx/protobuf.js';
import { Random } from '../src/random.js';

const refused = (bytes: Uint8Array | number[], message: string) =>
  assert.throws(() => importOnnx(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes)), (error: unknown) => {
    assert.ok(error instanceof ModelFormatError, `a ModelFormatError, got ${String(error)}`);
    assert.equal(error.message, message);
    return true;
  });

/** A PyTorch-like 2-3-2 graph (Gemm transB 1, Relu, Gemm) whose parts a test can replace. */
function graph(change: Partial<OnnxGraph> = {}, nodes?: OnnxNode[]): Uint8Array {
  const gemm = (name: string, input: string, output: string, w: string, b: string): OnnxNode => ({
    name, opType: 'Gemm', domain: '', inputs: [input, w, b], outputs: [output], attributes: [{ name: 'transB', type: ATTRIBUTE_TYPE.int, i: 1 }],
  });
  const base: OnnxGraph = {
    name: 'g',
    nodes: nodes ?? [gemm('fc1', 'x', 'z1', 'W1', 'b1'), { name: 'act', opType: 'Relu', domain: '', inputs: ['z1'], outputs: ['a1'], attributes: [] }, gemm('fc2', 'a1', 'y', 'W2', 'b2')],
    initializers: [
      { name: 'W1', dims: [3, 2], dataType: DATA_TYPE.float, floats: Float32Array.from([1, 2, 3, 4, 5, 6]) },
      { name: 'b1', dims: [3], dataType: DATA_TYPE.float, floats: Float32Array.from([0, 0, 0]) },
      { name: 'W2', dims: [2, 3], dataType: DATA_TYPE.float, floats: Float32Array.from([1, 0, 1, 0, 1, 0]) },
      { name: 'b2', dims: [2], dataType: DATA_TYPE.float, floats: Float32Array.from([0.5, -0.5]) },
    ],
    inputs: [{ name: 'x', elemType: DATA_TYPE.float, shape: ['batch', 2] }],
    outputs: [{ name: 'y', elemType: DATA_TYPE.float, shape: ['batch', 2] }],
    ...change,
  };
  const model: OnnxModel = { irVersion: 8, opsets: [{ domain: '', version: 13 }], producerName: 'test', producerVersion: '1', docString: '', metadata: {}, graph: base };
  return encodeModel(model);
}

test('the hand-made graph itself imports (so each refusal below is about its one change)', () => {
  const model = importOnnx(graph());
  assert.deepEqual(model.sizes, [2, 3, 2]);
  assert.deepEqual(Array.from(model.predict([[1, 1]]).data), [3 + 11 + 0.5, 7 - 0.5]);
});

test('malformed bytes: empty, truncated, wrong wire types, absurd sizes, bad varints', () => {
  refused([], 'invalid model file: (file) is empty, not an ONNX model');
  refused([0x08, 0x07], 'invalid model file: graph is missing: this is not an ONNX model (or it is truncated)');
  refused([0x38, 0x01], 'invalid model file: graph has wire type 0, expected 2 (at byte 1)');
  refused([0x3a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20], 'invalid model file: (model) truncated or absurd size: field 7 claims 1099511627776 bytes but only 0 remain at byte 1');
  refused([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], 'invalid model file: (model) a varint is longer than 10 bytes at byte 1');
  refused([0x08], 'invalid model file: (model) truncated: a varint runs past the end at byte 1');
  refused(new TextEncoder().encode('{"format": "backprop-model"}'), 'invalid model file: (file) is a backprop model file (JSON), not an ONNX file: it needs no import');
  const bytes = graph();
  refused(bytes.subarray(0, bytes.length - 20), 'invalid model file: (model) truncated or absurd size: field 7 claims 284 bytes but only 270 remain at byte 12');
});

test('malformed tensors: raw data of the wrong size, absurd and negative dims, external data', () => {
  const tensor = (t: OnnxGraph['initializers'][number]) => graph({ initializers: [t] });
  refused(tensor({ name: 'W1', dims: [1000, 1000], dataType: DATA_TYPE.float, floats: Float32Array.from([1]) }), 'invalid model file: graph.initializer[0] ("W1").raw_data holds 4 bytes but dims [1000, 1000] need 4000000');
  refused(tensor({ name: 'W1', dims: [2 ** 40, 2 ** 40], dataType: DATA_TYPE.float, floats: Float32Array.from([1]) }), 'invalid model file: graph.initializer[0] ("W1").dims describe an absurd size: [1099511627776, 1099511627776]');
  refused(tensor({ name: 'W1', dims: [-1, 3], dataType: DATA_TYPE.float, floats: Float32Array.from([1]) }), 'invalid model file: graph.initializer[0] ("W1").dims has a negative dimension: [-1, 3]');
});

test('unsupported graphs: missing initializer, several inputs, no chain, ops out of place, bad attributes', () => {
  const base = graph();
  assert.ok(base.length > 0);
  const nodes = (list: OnnxNode[]) => graph({}, list);
  const node = (opType: string, inputs: string[], output: string, attributes: OnnxNode['attributes'] = [], name = opType.toLowerCase()): OnnxNode => ({ name, opType, domain: '', inputs, outputs: [output], attributes });
  refused(graph({ initializers: [] }), 'invalid model file: graph.node[0] ("fc1") (Gemm) reads B "W1", which is not an initializer or Constant (missing initializer)');
  refused(graph({ inputs: [{ name: 'x', elemType: 1, shape: ['batch', 2] }, { name: 'mask', elemType: 1, shape: ['batch', 2] }] }), 'invalid model file: graph.input has 2 inputs besides initializers ("x", "mask"); backprop imports a network with one input');
  refused(graph({ inputs: [{ name: 'x', elemType: DATA_TYPE.double, shape: ['batch', 2] }] }), 'invalid model file: graph.input "x" has element type 11; backprop imports float32 inputs (type 1)');
  refused(graph({ inputs: [{ name: 'x', elemType: 1, shape: ['batch', 'features'] }] }), 'invalid model file: graph.input "x" has shape [batch, features]; every dimension after the batch must be a fixed size');
  refused(graph({ outputs: [{ name: 'y', elemType: 1, shape: null }, { name: 'z1', elemType: 1, shape: null }] }), 'invalid model file: graph.output has 2 outputs; backprop imports a network with one output');
  refused(graph({ outputs: [{ name: 'a1', elemType: 1, shape: null }] }), 'invalid model file: graph.output "a1" is not the end of the chain of layers (the chain ends at "y")');
  refused(nodes([node('Relu', ['x'], 'y')]), 'invalid model file: graph.node[0] ("relu") applies Relu before any layer; backprop reads one activation after each Gemm or MatMul');
  refused(nodes([node('Gemm', ['x', 'W2', 'b1'], 'z', [], 'fc'), node('Relu', ['x'], 'y')]), 'invalid model file: graph.node[1] ("relu") (Relu) takes "x" where the chain from the input has "z": backprop imports one chain of layers');
  refused(nodes([node('Gemm', ['x', 'W2', 'b1'], 'z', [{ name: 'transA', type: ATTRIBUTE_TYPE.int, i: 1 }], 'fc')]), 'invalid model file: graph.node[0] ("fc") is Gemm with transA 1; backprop reads transA 0 (rows are samples)');
  refused(nodes([node('Gemm', ['x', 'W1', 'b1'], 'y', [], 'fc')]), 'invalid model file: graph.node[0] ("fc") has weights for 3 inputs but receives 2 values per row');
  refused(nodes([node('Gemm', ['x', 'W2', 'b1'], 'z', [], 'fc'), node('Softmax', ['z'], 'y', [{ name: 'axis', type: ATTRIBUTE_TYPE.int, i: 0 }])]), 'invalid model file: graph.node[1] ("softmax") is Softmax over axis 0; backprop reads softmax over each row (axis 1 or -1)');
  refused(nodes([node('Gemm', ['x', 'W2', 'b1'], 'z', [], 'fc'), node('Sigmoid', ['z'], 's'), node('Tanh', ['s'], 'y')]), 'invalid model file: graph.node[2] ("tanh") applies Tanh after another activation; backprop reads one activation after each Gemm or MatMul');
  refused(nodes([node('Gemm', ['x', 'W2', 'b1'], 'z', [], 'fc'), node('Add', ['z', 'b1'], 'y')]), 'invalid model file: graph.node[1] ("add") is an Add that is not the bias right after a MatMul; backprop cannot import it');
  refused(nodes([node('Gemm', ['x', 'W2', 'b1'], 'z', [], 'fc'), node('Flatten', ['z'], 'y')]), 'invalid model file: graph.node[1] ("flatten") flattens after a layer; backprop reads Flatten only at the input');
  refused(nodes([{ ...node('Gemm', ['x', 'W2', 'b1'], 'y', [], 'fc'), domain: 'com.microsoft' }]), 'invalid model file: graph.node[0] ("fc") uses op Gemm of domain "com.microsoft", which backprop cannot import');
  refused(nodes([node('Gemm', ['x', 'W2', 'b1'], 'z', [], 'fc'), node('Erf', ['z'], 'y')]), 'invalid model file: graph.node[1] ("erf") uses op Erf, which backprop cannot import (it reads Gemm, MatMul, Add, Relu, Sigmoid, Tanh, LeakyRelu, Softmax, Identity, Flatten, BatchNormalization, Dropout)');
  refused(nodes([node('Conv', ['x', 'W2'], 'y', [], '/conv1/Conv')]), 'invalid model file: graph.node[0] ("/conv1/Conv") uses op Conv, which backprop cannot import (it reads Gemm, MatMul, Add, Relu, Sigmoid, Tanh, LeakyRelu, Softmax, Identity, Flatten, BatchNormalization, Dropout)');
  refused(graph({ inputs: [{ name: 'x', elemType: 1, shape: ['batch', 1, 2] }] }), 'invalid model file: graph.node[0] ("fc1") receives the 3-D input "x" unflattened; backprop needs [batch, features] or a Flatten first');
  refused(nodes([node('Identity', ['x'], 'y')]), 'invalid model file: graph has no Gemm or MatMul layer: it is not an MLP');
});

test('fuzz: 400 seeded mutations of an exported model end in a model or one ModelFormatError line', () => {
  const model = Mlp.create({ sizes: [3, 4, 2], activation: 'leakyRelu', outputActivation: 'softmax', seed: 4 });
  model.metadata = { preprocessing: { task: 'classification', inputs: [{ kind: 'standardize', mean: [1, 2, 3], std: [1, 1, 2] }], targets: [], oneHot: { on: 1, off: 0 }, featureNames: ['a', 'b', 'c'], classNames: ['no', 'yes'], targetNames: ['k'] } };
  const sources = [exportOnnx(model), graph()];
  const random = new Random(17);
  const outcomes = { imported: 0, refused: 0 };
  for (let i = 0; i < 400; i++) {
    const source = sources[i % 2]!;
    let bytes = Uint8Array.from(source);
    const kind = i % 4;
    if (kind === 0) bytes = bytes.subarray(0, random.int(bytes.length));
    else if (kind === 1) {
      for (let k = 0; k < 1 + random.int(4); k++) {
        const at = random.int(bytes.length);
        bytes[at] = bytes[at]! ^ (1 << random.int(8));
      }
    }
    else if (kind === 2) bytes[random.int(bytes.length)] = 0xff;
    else {
      const at = random.int(bytes.length);
      bytes = Uint8Array.from([...bytes.subarray(0, at), 0x80 | random.int(128), 0xff, 0xff, 0xff, 0x0f, ...bytes.subarray(at)]);
    }
    try {
      importOnnx(bytes);
      outcomes.imported++;
    } catch (error) {
      assert.ok(error instanceof ModelFormatError, `mutation ${i} (kind ${kind}) threw ${String(error)}`);
      assert.doesNotMatch(error.message, /\n/);
      outcomes.refused++;
    }
  }
  assert.ok(outcomes.refused > 200, `refused ${outcomes.refused}`);
  assert.ok(outcomes.imported > 0, 'some mutations (inside weights) still import');
});

/** A ModelProto around a graph written by `build` (raw protobuf, for fields the encoder never writes). */
function rawModel(build: (graph: ProtobufWriter) => void): Uint8Array {
  return new ProtobufWriter().int(1, 8).message(7, build).finish();
}

test('malformed messages the encoder never writes: missing op_type, sparse, float64, external data, odd packed floats, bad counts', () => {
  refused(rawModel((g) => g.message(1, (n) => n.string(1, 'x').string(3, 'nameless'))), 'invalid model file: graph.node[0].op_type is missing');
  refused(rawModel((g) => g.message(15, () => undefined)), 'invalid model file: graph.sparse_initializer is not supported (sparse tensors)');
  refused(rawModel((g) => g.message(5, (t) => t.packedInts(1, [1]).int(2, DATA_TYPE.double).bytes(10, new Uint8Array(8)))), 'invalid model file: graph.initializer[0].double_data holds float64 values; backprop reads float32 tensors');
  refused(rawModel((g) => g.message(5, (t) => t.packedInts(1, [1]).int(2, DATA_TYPE.float).int(14, 1))), 'invalid model file: graph.initializer[0].data_location is EXTERNAL: weights in a separate file are not supported');
  refused(rawModel((g) => g.message(5, (t) => t.packedInts(1, [1]).int(2, DATA_TYPE.float).bytes(4, new Uint8Array(6)))), 'invalid model file: graph.initializer[0].float_data packed floats take 6 bytes, not a multiple of 4 (at byte 13)');
  refused(rawModel((g) => g.message(5, (t) => t.packedInts(1, [3]).int(2, DATA_TYPE.float).string(8, 'W').float(4, 1))), 'invalid model file: graph.initializer[0] ("W").float_data holds 1 values but dims [3] need 3');
  refused(rawModel((g) => g.message(5, (t) => t.packedInts(1, [2]).int(2, DATA_TYPE.int64).packedInts(7, [1]))), 'invalid model file: graph.initializer[0] holds 1 integers but dims [2] need 2');
  refused(rawModel((g) => g.message(5, (t) => t.packedInts(1, [2]).int(2, DATA_TYPE.string).string(6, 'a'))), 'invalid model file: graph.initializer[0].string_data holds 1 strings but dims [2] need 2');
  refused(rawModel((g) => g.message(5, (t) => t.packedInts(1, [2]).int(2, DATA_TYPE.int64).bytes(9, new Uint8Array(12)))), 'invalid model file: graph.initializer[0].raw_data holds 12 bytes but dims [2] need 16');
  refused([0x3a, 0x02, 0x00, 0x01], 'invalid model file: graph field number 0 is not allowed at byte 2');
  refused([0x3a, 0x03, 0x0d, 0x00, 0x00], 'invalid model file: graph truncated: a 4-byte value of field 1 runs past the end at byte 3');
});

test('more unsupported graphs: shapes, Constant without value, two outputs, Flatten axis, weights not a matrix, NaN, bad biases, int weights, metadata', () => {
  const node = (opType: string, inputs: string[], output: string | string[], attributes: OnnxNode['attributes'] = [], name = opType.toLowerCase()): OnnxNode => ({ name, opType, domain: '', inputs, outputs: Array.isArray(output) ? output : [output], attributes });
  const gemm = (b = 'b1', w = 'W2') => node('Gemm', ['x', w, b], 'y', [], 'fc');
  refused(graph({ inputs: [{ name: 'x', elemType: 1, shape: null }] }), 'invalid model file: graph.input "x" has shape unknown; backprop needs [batch, features]');
  refused(graph({ inputs: [{ name: 'x', elemType: 1, shape: ['batch'] }] }), 'invalid model file: graph.input "x" has shape [batch]; backprop needs [batch, features]');
  refused(graph({ inputs: [{ name: 'x', elemType: 1, shape: ['batch', 100000, 100000] }] }), 'invalid model file: graph.input "x" has an absurd number of features (10000000000)');
  refused(graph({}, [node('Constant', [], 'c'), gemm()]), 'invalid model file: graph.node[0] ("constant") is a Constant without a tensor "value"; backprop cannot import it');
  refused(graph({}, [node('Gemm', ['x', 'W2', 'b1'], ['y', 'extra'], [], 'fc')]), 'invalid model file: graph.node[0] ("fc") has 2 outputs; backprop reads Gemm with one');
  refused(graph({}, [node('Flatten', ['x'], 'f', [{ name: 'axis', type: ATTRIBUTE_TYPE.int, i: 0 }]), node('Gemm', ['f', 'W2', 'b1'], 'y')]), 'invalid model file: graph.node[0] ("flatten") is Flatten with axis 0; backprop reads axis 1 (keep the batch dimension)');
  const withInitializers = (list: OnnxGraph['initializers'], nodes: OnnxNode[]) => graph({ initializers: list }, nodes);
  refused(withInitializers([{ name: 'V', dims: [6], dataType: DATA_TYPE.float, floats: new Float32Array(6) }], [node('Gemm', ['x', 'V'], 'y', [], 'fc')]), 'invalid model file: graph.node[0] ("fc") has weights "V" of shape [6]; a layer needs a 2-D matrix');
  refused(withInitializers([{ name: 'V', dims: [2, 0], dataType: DATA_TYPE.float, floats: new Float32Array(0) }], [node('Gemm', ['x', 'V'], 'y', [], 'fc')]), 'invalid model file: graph.node[0] ("fc") has weights "V" of shape [2, 0]; a layer needs at least one input and one unit');
  refused(withInitializers([{ name: 'V', dims: [2, 1], dataType: DATA_TYPE.float, floats: Float32Array.from([1, NaN]) }], [node('Gemm', ['x', 'V'], 'y', [], 'fc')]), 'invalid model file: layer 1 has NaN or infinite weights');
  refused(withInitializers([{ name: 'V', dims: [2, 1], dataType: DATA_TYPE.float, floats: Float32Array.from([1, 2]) }, { name: 'c', dims: [3], dataType: DATA_TYPE.float, floats: new Float32Array(3) }], [node('Gemm', ['x', 'V', 'c'], 'y', [], 'fc')]), 'invalid model file: graph.node[0] ("fc") has a bias "c" of shape [3] for 1 units');
  refused(withInitializers([{ name: 'V', dims: [2, 1], dataType: DATA_TYPE.int64, ints: [1, 2] }], [node('Gemm', ['x', 'V'], 'y', [], 'fc')]), 'invalid model file: graph.node[0] ("fc") (Gemm) reads B "V" of data type 7; backprop reads float32 weights');
  refused(graph({}, [node('Gemm', ['x'], 'y', [], 'fc')]), 'invalid model file: graph.node[0] ("fc") (Gemm) has no input B');
  const ours = (metadata: string) => encodeModel({ irVersion: 7, opsets: [{ domain: '', version: 13 }], producerName: 'backprop', producerVersion: '0', docString: '', metadata: { 'backprop.metadata': metadata }, graph: decodeModel(exportOnnx(Mlp.create({ sizes: [2, 2] }))).graph });
  refused(ours('{"loss": '), 'invalid model file: metadata_props "backprop.metadata" is not valid JSON (Unexpected end of JSON input)');
  refused(ours('[1, 2]'), 'invalid model file: metadata_props "backprop.metadata" must be a JSON object');
  assert.equal(importOnnx(ours('{"loss": "mse"}')).metadata['loss'], 'mse');
});

test('weights routed through Identity or Transpose are constants: the graph imports, and so does a BatchNormalization whose scale and B come through Identity', () => {
  const node = (opType: string, inputs: string[], output: string, attributes: OnnxNode['attributes'] = [], name = opType.toLowerCase()): OnnxNode => ({ name, opType, domain: '', inputs, outputs: [output], attributes });
  const transB = [{ name: 'transB', type: ATTRIBUTE_TYPE.int, i: 1 }];
  const plain = importOnnx(graph());
  // W1 through one Identity, W2 through two, b2 a Constant through an Identity (as PyTorch writes shared or renamed parameters).
  const routed = importOnnx(graph({}, [
    node('Identity', ['W1'], 'onnx::Gemm_1', [], 'id1'),
    node('Identity', ['W2'], 'w2a', [], 'id2'),
    node('Identity', ['w2a'], 'w2b', [], 'id3'),
    node('Constant', [], 'b2c', [{ name: 'value', type: ATTRIBUTE_TYPE.tensor, t: { name: '', dims: [2], dataType: DATA_TYPE.float, floats: Float32Array.from([0.5, -0.5]) } }]),
    node('Identity', ['b2c'], 'b2i', [], 'id4'),
    node('Gemm', ['x', 'onnx::Gemm_1', 'b1'], 'z1', transB, 'fc1'),
    node('Relu', ['z1'], 'a1'),
    node('Gemm', ['a1', 'w2b', 'b2i'], 'y', transB, 'fc2'),
  ]));
  assert.deepEqual(routed.sizes, [2, 3, 2]);
  assert.deepEqual(Array.from(routed.predict([[1, 1], [-2, 3]]).data), Array.from(plain.predict([[1, 1], [-2, 3]]).data));
  // Before, node[0] was refused as "(Identity) takes "bn_w" where the chain from the input has "x"";
  // then the BatchNormalization was refused as an op backprop cannot import. Now it is folded into fc1.
  const bn = (name: string) => ({ name, dims: [3], dataType: DATA_TYPE.float, floats: Float32Array.from([1, 1, 1]) });
  const withNorm = graph(
    { initializers: [...decodeModel(graph()).graph.initializers, bn('bn_w'), bn('bn_b'), bn('bn_mean'), bn('bn_var')] },
    [
      node('Identity', ['bn_w'], 'scale', [], 'id1'),
      node('Identity', ['bn_b'], 'shift', [], 'id2'),
      node('Gemm', ['x', 'W1', 'b1'], 'z1', transB, 'fc1'),
      node('BatchNormalization', ['z1', 'scale', 'shift', 'bn_mean', 'bn_var'], 'n1', [], '/bn/BatchNormalization'),
      node('Relu', ['n1'], 'a1'),
      node('Gemm', ['a1', 'W2', 'b2'], 'y', transB, 'fc2'),
    ],
  );
  // Transpose + MatMul (x·Wᵀ) with the Transpose of a constant, default perm or [1, 0] ([0, 1] keeps it): the same network.
  const perm = (ints: number[]) => [{ name: 'perm', type: ATTRIBUTE_TYPE.ints, ints }];
  const transposedWeights = importOnnx(graph({}, [
    node('Transpose', ['W1'], 'W1t', [], 't1'),
    node('MatMul', ['x', 'W1t'], 'm1', [], 'mm1'), node('Add', ['m1', 'b1'], 'z1', [], 'add1'), node('Relu', ['z1'], 'a1'),
    node('Transpose', ['W2'], 'W2t', perm([1, 0]), 't2'), node('Transpose', ['W2t'], 'W2tt', perm([0, 1]), 't3'),
    node('MatMul', ['a1', 'W2tt'], 'm2', [], 'mm2'), node('Add', ['b2', 'm2'], 'y', [], 'add2'),
  ]));
  assert.deepEqual(Array.from(transposedWeights.predict([[1, 1], [-2, 3]]).data), Array.from(plain.predict([[1, 1], [-2, 3]]).data));
  refused(graph({}, [node('Gemm', ['x', 'W2', 'b1'], 'z', [], 'fc'), node('Transpose', ['z'], 'y')]), 'invalid model file: graph.node[1] ("transpose") uses op Transpose, which backprop cannot import (it reads Gemm, MatMul, Add, Relu, Sigmoid, Tanh, LeakyRelu, Softmax, Identity, Flatten, BatchNormalization, Dropout)');
  // scale 1, B 1, mean 1, var 1: y = (z − 1)/sqrt(1 + eps) + 1 for each unit of fc1.
  const folded = importOnnx(withNorm);
  assert.deepEqual(folded.sizes, [2, 3, 2]);
  const eps = Math.fround(1e-5);
  const z1 = [1 + 2, 3 + 4, 5 + 6]; // x = [1, 1] through W1 (transB 1), b1 = 0
  const a1 = z1.map((z) => Math.max(0, (z - 1) / Math.sqrt(1 + eps) + 1));
  const expected = [a1[0]! + a1[2]! + 0.5, a1[1]! - 0.5];
  Array.from(folded.predict([[1, 1]]).data).forEach((v, k) => assert.ok(Math.abs(v - expected[k]!) < 1e-5, `output ${k}: ${v} vs ${expected[k]}`));
});

test('files that are not ONNX at all are named for what they are: a backprop model file, text, zeros, a zip archive', () => {
  const text = (t: string) => new TextEncoder().encode(t);
  const modelFile = JSON.stringify(Mlp.create({ sizes: [2, 2] }).toJSON());
  refused(text(modelFile), 'invalid model file: (file) is a backprop model file (JSON), not an ONNX file: it needs no import');
  refused(text('\ufeff' + modelFile), 'invalid model file: (file) is a backprop model file (JSON), not an ONNX file: it needs no import');
  refused(text('{"format": "something-else", "layers": []}'), 'invalid model file: (file) is text, not an ONNX file');
  refused(text('x1,x2,y\n1,2,0\n'), 'invalid model file: (file) is text, not an ONNX file');
  refused(text('{"format": "backprop-model", "layers": ['), 'invalid model file: (file) is text, not an ONNX file');
  refused(text('h\u00e9llo w\u00f6rld\n'), 'invalid model file: (file) is text, not an ONNX file');
  refused(new Uint8Array(4096), 'invalid model file: (file) holds nothing but zero bytes (4096 bytes), not an ONNX model: the file was never written or was damaged');
  refused([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00], 'invalid model file: (file) is a zip archive (as PyTorch writes .pt / .pth files with torch.save), not an ONNX file: write the ONNX file with torch.onnx.export');
  // Latin-1 text is not UTF-8 and random binary stays binary: the decoder's message stands.
  refused([0x68, 0xe9, 0x6c, 0x6c, 0x6f], 'invalid model file: (model) wire type 4 of field 13 is not valid (groups and unknown types are not supported) at byte 3');
  refused([0x3a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20], 'invalid model file: (model) truncated or absurd size: field 7 claims 1099511627776 bytes but only 0 remain at byte 1');
});

test('hostile but valid graphs: transB 0, an activation mix, symbolic and fixed batch, no opset, an opset far in the future', () => {
  const node = (opType: string, inputs: string[], output: string, attributes: OnnxNode['attributes'] = []): OnnxNode => ({ name: '', opType, domain: '', inputs, outputs: [output], attributes });
  const matrix = (name: string, rows: number, cols: number, values: number[]) => ({ name, dims: [rows, cols], dataType: DATA_TYPE.float, floats: Float32Array.from(values) });
  const W = matrix('W', 2, 3, [1, 2, 3, 4, 5, 6]);
  const one = (change: Partial<OnnxGraph>, opset?: number) => {
    const bytes = graph({ initializers: [W], outputs: [{ name: 'y', elemType: 1, shape: null }], ...change }, change.nodes === undefined ? [node('Gemm', ['x', 'W'], 'y', [{ name: 'transB', type: ATTRIBUTE_TYPE.int, i: 0 }])] : [...change.nodes]);
    if (opset === undefined) return importOnnx(bytes);
    const model = decodeModel(bytes);
    return importOnnx(encodeModel({ ...model, opsets: opset === 0 ? [] : [{ domain: '', version: opset }] }));
  };
  // transB 0: W is [n_in, n_out] as it stands; x·W for x = [1, 2] is [9, 12, 15].
  assert.deepEqual(Array.from(one({}).predict([[1, 2]]).data), [9, 12, 15]);
  for (const shape of [[null, 2], ['N', 2], [1, 2], ['batch', 1, 2]] as const) {
    const nodes = shape.length === 3 ? [node('Flatten', ['x'], 'f'), node('Gemm', ['f', 'W'], 'y')] : undefined;
    assert.deepEqual(Array.from(one({ inputs: [{ name: 'x', elemType: 1, shape: [...shape] }], ...(nodes === undefined ? {} : { nodes }) }).predict([[1, 2]]).data), [9, 12, 15], `shape [${shape.join(', ')}]`);
  }
  assert.deepEqual(one({}, 0).metadata['importedFrom'], { format: 'onnx', producer: 'test 1', opset: 1 });
  assert.deepEqual(one({}, 99).metadata['importedFrom'], { format: 'onnx', producer: 'test 1', opset: 99 });
  // Sigmoid, Tanh, Relu, Softmax after Gemm, MatMul + Add, Gemm transB 1, Gemm.
  const mix = one({
    initializers: [W, matrix('V', 3, 2, [1, 0, 0, 1, 1, 1]), { name: 'c', dims: [2], dataType: DATA_TYPE.float, floats: Float32Array.from([0.5, -0.5]) }, matrix('U', 3, 2, [1, -1, 2, 0, 0, 1]), matrix('T', 3, 2, [1, 2, -1, 0, 1, 1])],
    nodes: [
      node('Gemm', ['x', 'W'], 'a'), node('Sigmoid', ['a'], 'b'),
      node('MatMul', ['b', 'V'], 'c0'), node('Add', ['c', 'c0'], 'c1'), node('Tanh', ['c1'], 'd'),
      node('Gemm', ['d', 'U'], 'e', [{ name: 'transB', type: ATTRIBUTE_TYPE.int, i: 1 }]), node('Relu', ['e'], 'f'),
      node('Gemm', ['f', 'T'], 'g'), node('Softmax', ['g'], 'y'),
    ],
  });
  assert.deepEqual(mix.sizes, [2, 3, 2, 3, 2]);
  assert.deepEqual(mix.layers.map((l) => l.activation), ['sigmoid', 'tanh', 'relu', 'softmax']);
  const p = mix.predict([[0.3, -0.2]]).data;
  assert.ok(Math.abs(p[0]! + p[1]! - 1) < 1e-6 && p[0]! > 0 && p[1]! > 0);
});

test('hostile graphs refused with a line that says what is wrong: Gemm transB 2, transA 2, an unknown feature dim, two named inputs, weights without values', () => {
  const node = (opType: string, inputs: string[], output: string, attributes: OnnxNode['attributes'] = []): OnnxNode => ({ name: 'fc', opType, domain: '', inputs, outputs: [output], attributes });
  const int = (name: string, i: number) => [{ name, type: ATTRIBUTE_TYPE.int, i }];
  // Before: transB 2 was read as 0, and transA 2 was reported as "transA 1".
  refused(graph({}, [node('Gemm', ['x', 'W2', 'b1'], 'y', int('transB', 2))]), 'invalid model file: graph.node[0] ("fc") is Gemm with transB 2; ONNX allows 0 or 1');
  refused(graph({}, [node('Gemm', ['x', 'W2', 'b1'], 'y', int('transA', 2))]), 'invalid model file: graph.node[0] ("fc") is Gemm with transA 2; backprop reads transA 0 (rows are samples)');
  // Before: "has shape [N, ]".
  refused(graph({ inputs: [{ name: 'x', elemType: 1, shape: ['N', null] }] }), 'invalid model file: graph.input "x" has shape [N, ?]; every dimension after the batch must be a fixed size');
  refused(graph({ inputs: [{ name: 'x', elemType: 1, shape: [null] }] }), 'invalid model file: graph.input "x" has shape [?]; backprop needs [batch, features]');
  const inputs = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `in${i}`, elemType: 1, shape: ['batch', 2] }));
  refused(graph({ inputs: inputs(2) }), 'invalid model file: graph.input has 2 inputs besides initializers ("in0", "in1"); backprop imports a network with one input');
  refused(graph({ inputs: inputs(7) }), 'invalid model file: graph.input has 7 inputs besides initializers ("in0", "in1", "in2", "in3", "in4", ...); backprop imports a network with one input');
  refused(graph({ inputs: [] }), 'invalid model file: graph.input has 0 inputs besides initializers; backprop imports a network with one input');
  // torch.onnx.export(..., export_params=False): the weights are inputs without initializers. Before: "has 5 inputs besides initializers".
  const weightInputs = ['W1', 'b1', 'W2', 'b2'].map((name) => ({ name, elemType: 1, shape: null }));
  refused(graph({ initializers: [], inputs: [{ name: 'x', elemType: 1, shape: ['batch', 2] }, ...weightInputs] }), 'invalid model file: graph.input has 4 inputs that layers read as weights ("W1", "b1", "W2", "b2") but no values for them: the file was written without its parameters (PyTorch: torch.onnx.export with export_params=True)');
});
