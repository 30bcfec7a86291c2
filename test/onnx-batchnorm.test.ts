/**
 * ONNX import of BatchNormalization and Dropout: an inference-mode BatchNormalization right after
 * a layer's Gemm or MatMul (+ Add) is folded into that layer (the imported predictions equal a
 * direct float64 Linear → BN → activation → Linear to float32 rounding, the weights are the float64
 * fold rounded once), Dropout is the identity, and what cannot be folded is refused with one line
 * naming the node. PyTorch's own exports are the committed fixtures of make-batchnorm-fixtures.py.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ModelFormatError } from '../src/io/model-format-error.js';
import { importOnnx } from '../src/onnx/import.js';
import { floatAttribute, GraphBuilder, intAttribute } from '../src/onnx/graph-builder.js';
import { DATA_TYPE, encodeModel, type OnnxNode } from '../src/onnx/onnx-schema.js';

/** A 3-4-2 network's parameters: W1 [4, 3] as Gemm transB 1 stores it, BN over 4 units, W2 [2, 4]. */
const W1 = [0.5, -1.25, 2, 1.5, 0.25, -0.75, -2, 1, 0.125, 0.3, -0.6, 0.9];
const B1 = [0.1, -0.2, 0.3, 0.05];
const SCALE = [1.5, -0.7, 0.9, 2.2];
const SHIFT = [0.2, 0.4, -0.3, 0.1];
const MEAN = [0.6, -1.1, 0.25, 2];
const VAR = [0.8, 2.5, 0.04, 1.7];
const EPS = 1e-3;
const W2 = [1, -0.5, 0.25, 2, -1.5, 0.75, 1.25, -0.25];
const B2 = [0.05, -0.15];
const ROWS = [[1, 2, 3], [-0.5, 0.25, 2], [0, 0, 0], [3.5, -2, 0.75], [-1, -1, 4]];

/** The float64 reference: Linear(3, 4) → BatchNorm1d(4) (eval) → ReLU → Linear(4, 2), weights as float32 values. */
function reference(row: readonly number[]): number[] {
  const f = (values: readonly number[]) => values.map(Math.fround);
  const [w1, b1, scale, shift, mean, variance, w2, b2] = [W1, B1, SCALE, SHIFT, MEAN, VAR, W2, B2].map(f) as number[][];
  const eps = Math.fround(EPS);
  const hidden = b1!.map((b, j) => {
    const z = row.reduce((sum, x, i) => sum + x * w1![j * 3 + i]!, b);
    return Math.max(0, ((z - mean![j]!) / Math.sqrt(variance![j]! + eps)) * scale![j]! + shift![j]!);
  });
  return b2!.map((b, o) => hidden.reduce((sum, h, j) => sum + h * w2![o * 4 + j]!, b));
}

interface Options {
  /** The first layer's affine part: Gemm transB 1 (PyTorch), MatMul + Add, or MatMul alone (no bias). */
  affine?: 'gemm' | 'gemm-transB0' | 'matmul-add' | 'matmul';
  /** Nodes in place of BN → Relu, given the affine output; return the name that feeds the second layer. */
  middle?: (g: GraphBuilder, z: string) => string;
  bnAttributes?: OnnxNode['attributes'];
  bnOutputs?: string[];
  /** Replacements for the BN parameters (values and dims). */
  parameters?: Partial<Record<'scale' | 'shift' | 'mean' | 'var', { values: number[]; dims: number[] }>>;
}

/** Writes the 3-4-2 graph: affine part, BatchNormalization, Relu, Dropout (ratio, training_mode false, unused mask), Gemm. */
function network(options: Options = {}): Uint8Array {
  const g = new GraphBuilder(13);
  const param = (name: 'scale' | 'shift' | 'mean' | 'var', values: number[]) => {
    const given = options.parameters?.[name];
    return g.constant(`bn.${name}`, given?.values ?? values, given?.dims ?? [4]);
  };
  let z: string;
  const transposed = Array.from({ length: 12 }, (_, k) => W1[(k % 4) * 3 + Math.floor(k / 4)]!); // [3, 4] for MatMul
  if ((options.affine ?? 'gemm') === 'gemm') z = g.node('fc1', 'Gemm', ['x', g.constant('W1', W1, [4, 3]), g.constant('b1', B1, [4])], [intAttribute('transB', 1)]);
  else if (options.affine === 'gemm-transB0') {
    // W [3, 4] as it stands, halved, with alpha 2; the bias doubled, with beta 0.5: the same layer.
    const W = g.constant('W1t', transposed.map((w) => w / 2), [3, 4]);
    z = g.node('fc1', 'Gemm', ['x', W, g.constant('b1', B1.map((b) => b * 2), [4])], [intAttribute('transB', 0), floatAttribute('alpha', 2), floatAttribute('beta', 0.5)]);
  } else {
    z = g.node('mm1', 'MatMul', ['x', g.constant('W1t', transposed, [3, 4])]);
    if (options.affine === 'matmul-add') z = g.node('add1', 'Add', [z, g.constant('b1', B1, [4])]);
  }
  const names = [param('scale', SCALE), param('shift', SHIFT), param('mean', MEAN), param('var', VAR)];
  let a: string;
  if (options.middle !== undefined) a = options.middle(g, z);
  else {
    const attributes = options.bnAttributes ?? [floatAttribute('epsilon', EPS), floatAttribute('momentum', 0.9)];
    g.nodes.push({ name: '/1/BatchNormalization', opType: 'BatchNormalization', domain: '', inputs: [z, ...names], outputs: options.bnOutputs ?? ['n1'], attributes });
    a = g.node('relu', 'Relu', ['n1']);
  }
  g.initializers.push({ name: 'keep', dims: [], dataType: DATA_TYPE.bool, ints: [0] });
  g.nodes.push({ name: '/3/Dropout', opType: 'Dropout', domain: '', inputs: [a, g.constant('ratio', [0.3], []), 'keep'], outputs: ['d', 'mask'], attributes: [] });
  g.node('fc2', 'Gemm', ['d', g.constant('W2', W2, [2, 4]), g.constant('b2', B2, [2])], [intAttribute('transB', 1)], 'y');
  return encodeModel({
    irVersion: 8, opsets: [{ domain: '', version: 13 }], producerName: 'test', producerVersion: '1', docString: '', metadata: {},
    graph: { name: 'g', nodes: g.nodes, initializers: g.initializers, inputs: [{ name: 'x', elemType: DATA_TYPE.float, shape: ['batch', 3] }], outputs: [{ name: 'y', elemType: DATA_TYPE.float, shape: ['batch', 2] }] },
  });
}

const refused = (bytes: Uint8Array, message: string) =>
  assert.throws(() => importOnnx(bytes), (error: unknown) => {
    assert.ok(error instanceof ModelFormatError, `a ModelFormatError, got ${String(error)}`);
    assert.equal(error.message, message);
    return true;
  });

/** The largest difference from the float64 reference, relative to the output's size (at least 1). */
function largestError(bytes: Uint8Array): number {
  const model = importOnnx(bytes);
  assert.deepEqual(model.sizes, [3, 4, 2]);
  assert.deepEqual(model.layers.map((l) => l.activation), ['relu', 'linear']);
  const predicted = model.predict(ROWS);
  return Math.max(...ROWS.flatMap((row, r) => reference(row).map((v, c) => Math.abs(predicted.get(r, c) - v) / Math.max(1, Math.abs(v)))));
}

test('Gemm (transB 1) → BatchNormalization → Relu → Dropout → Gemm: predictions equal the float64 network to float32 rounding', () => {
  const error = largestError(network());
  assert.ok(error < 1e-6, `largest relative error ${error}`);
});

test('the folded weights and bias are the float64 fold rounded once to float32', () => {
  const model = importOnnx(network());
  const f = Math.fround;
  const gain = SCALE.map((s, j) => f(s) / Math.sqrt(f(VAR[j]!) + f(EPS)));
  const weights = Array.from({ length: 12 }, (_, k) => f(f(W1[(k % 4) * 3 + Math.floor(k / 4)]!) * gain[k % 4]!));
  const bias = B1.map((b, j) => f((f(b) - f(MEAN[j]!)) * gain[j]! + f(SHIFT[j]!)));
  assert.deepEqual(Array.from(model.layers[0]!.W.data), weights);
  assert.deepEqual(Array.from(model.layers[0]!.b!.data), bias);
});

test('Gemm transB 0 (alpha, beta) and MatMul + Add → BatchNormalization fold the same; MatMul alone gets the bias (−mean)·g + beta', () => {
  for (const affine of ['gemm-transB0', 'matmul-add'] as const) {
    const error = largestError(network({ affine }));
    assert.ok(error < 1e-6, `${affine}: largest relative error ${error}`);
    assert.deepEqual(Array.from(importOnnx(network({ affine })).layers[0]!.W.data), Array.from(importOnnx(network()).layers[0]!.W.data), affine);
  }
  const model = importOnnx(network({ affine: 'matmul' }));
  assert.equal(model.layers[0]!.useBias, true);
  const f = Math.fround;
  const bias = MEAN.map((m, j) => f((-f(m) * f(SCALE[j]!)) / Math.sqrt(f(VAR[j]!) + f(EPS)) + f(SHIFT[j]!)));
  assert.deepEqual(Array.from(model.layers[0]!.b!.data), bias);
});

test('Dropout is the identity: without inputs beyond its data, at the input, and with an unused mask', () => {
  const plain = (middle: NonNullable<Options['middle']>) => importOnnx(network({ middle })).predict(ROWS).data;
  const relu = plain((g, z) => g.node('relu', 'Relu', [z]));
  const extra = plain((g, z) => g.node('drop0', 'Dropout', [g.node('relu', 'Relu', [z])]));
  assert.deepEqual(Array.from(extra), Array.from(relu));
  const g = new GraphBuilder(13);
  g.nodes.push({ name: 'drop', opType: 'Dropout', domain: '', inputs: ['x'], outputs: ['x1', ''], attributes: [floatAttribute('ratio', 0.5)] });
  g.node('fc', 'Gemm', ['x1', g.constant('W', [1, 2, 3], [1, 3])], [intAttribute('transB', 1)], 'y');
  const first = importOnnx(encodeModel({ irVersion: 8, opsets: [{ domain: '', version: 13 }], producerName: 't', producerVersion: '', docString: '', metadata: {}, graph: { name: 'g', nodes: g.nodes, initializers: g.initializers, inputs: [{ name: 'x', elemType: 1, shape: ['batch', 3] }], outputs: [{ name: 'y', elemType: 1, shape: null }] } }));
  assert.deepEqual(Array.from(first.predict([[1, 1, 1]]).data), [6]);
});

test('a BatchNormalization that cannot be folded is refused naming the node', () => {
  const at = 'invalid model file: graph.node[1] ("/1/BatchNormalization")';
  refused(network({ bnAttributes: [intAttribute('training_mode', 1)] }), `${at} is BatchNormalization with training_mode 1; backprop imports an inference-mode model: export it after model.eval() (torch.onnx.export with training=TrainingMode.EVAL)`);
  refused(network({ bnOutputs: ['n1', 'm', 'v'] }), `${at} is BatchNormalization with 3 outputs (the batch statistics of training mode); backprop imports an inference-mode model: export it after model.eval() (torch.onnx.export with training=TrainingMode.EVAL)`);
  assert.ok(largestError(network({ bnOutputs: ['n1', '', ''] })) < 1e-6, 'optional outputs left empty are no outputs');
  refused(network({ parameters: { scale: { values: [1, 2, 3], dims: [3] } } }), `${at} (BatchNormalization) has scale "bn.scale" of shape [3] after a layer of 4 units; it needs [4]`);
  refused(network({ parameters: { mean: { values: MEAN, dims: [1, 4] } } }), `${at} (BatchNormalization) has input_mean "bn.mean" of shape [1, 4] after a layer of 4 units; it needs [4]`);
  refused(network({ parameters: { var: { values: [0.8, -0.5, 0.04, 1.7], dims: [4] } } }), `${at} (BatchNormalization) has input_var "bn.var" -0.5 + epsilon 0.0010000000474974513 = -0.49899999995250255 at unit 2; a variance plus epsilon must be positive`);
  refused(network({ parameters: { var: { values: [0.8, 2.5, 0.04, Infinity], dims: [4] } } }), `${at} (BatchNormalization) has input_var "bn.var" with the value Infinity at unit 4`);
  refused(network({ parameters: { shift: { values: [0.2, NaN, -0.3, 0.1], dims: [4] } } }), `${at} (BatchNormalization) has B "bn.shift" with the value NaN at unit 2`);
  refused(network({ bnAttributes: [floatAttribute('epsilon', -0.04)] }), `${at} (BatchNormalization) has input_var "bn.var" 0.03999999910593033 + epsilon -0.03999999910593033 = 0 at unit 3; a variance plus epsilon must be positive`);
  // Not right after a layer's affine part: after the activation, before any layer, after another BatchNormalization.
  const bn = (g: GraphBuilder, input: string, name = 'bn') => g.node(name, 'BatchNormalization', [input, 'bn.scale', 'bn.shift', 'bn.mean', 'bn.var']);
  refused(network({ middle: (g, z) => bn(g, g.node('relu', 'Relu', [z])) }), 'invalid model file: graph.node[2] ("bn") applies BatchNormalization after an activation; backprop folds a BatchNormalization only right after a layer\'s Gemm or MatMul (+ Add)');
  refused(network({ middle: (g, z) => g.node('relu', 'Relu', [bn(g, bn(g, z), 'bn2')]) }), 'invalid model file: graph.node[2] ("bn2") applies BatchNormalization after another BatchNormalization; backprop folds a BatchNormalization only right after a layer\'s Gemm or MatMul (+ Add)');
  refused(network({ affine: 'matmul', middle: (g, z) => g.node('add', 'Add', [bn(g, z), 'bn.shift']) }), 'invalid model file: graph.node[2] ("add") is an Add that is not the bias right after a MatMul; backprop cannot import it');
  refused(network({ middle: (g, z) => g.node('relu', 'Relu', [g.node('bn', 'BatchNormalization', [z, 'bn.scale', 'bn.shift', 'bn.mean'])]) }), 'invalid model file: graph.node[1] ("bn") (BatchNormalization) has no input input_var');
  const g = new GraphBuilder(13);
  g.node('bn', 'BatchNormalization', ['x', g.constant('s', [1, 1, 1], [3]), 's', 's', 's']);
  refused(encodeModel({ irVersion: 8, opsets: [{ domain: '', version: 13 }], producerName: 't', producerVersion: '', docString: '', metadata: {}, graph: { name: 'g', nodes: g.nodes, initializers: g.initializers, inputs: [{ name: 'x', elemType: 1, shape: ['batch', 3] }], outputs: [{ name: 't0', elemType: 1, shape: null }] } }), 'invalid model file: graph.node[0] ("bn") applies BatchNormalization before any layer; backprop folds a BatchNormalization only right after a layer\'s Gemm or MatMul (+ Add)');
});

test('a Dropout in training mode, or whose mask is used, is refused naming the node', () => {
  const dropout = (inputs: (z: string) => string[], outputs = ['a', 'm'], after = (g: GraphBuilder) => g.node('relu', 'Relu', ['a'])) => network({
    middle: (g, z) => {
      g.initializers.push({ name: 'on', dims: [], dataType: DATA_TYPE.bool, ints: [1] });
      g.nodes.push({ name: 'drop', opType: 'Dropout', domain: '', inputs: inputs(z), outputs, attributes: [] });
      return after(g);
    },
  });
  refused(dropout((z) => [z, 'ratio', 'on']), 'invalid model file: graph.node[1] ("drop") is Dropout with training_mode true (it drops values at random); backprop imports an inference-mode model: export it after model.eval() (torch.onnx.export with training=TrainingMode.EVAL)');
  refused(dropout((z) => [z, 'ratio', 'flag']), 'invalid model file: graph.node[1] ("drop") is Dropout whose training_mode "flag" is not a constant; backprop reads Dropout as the identity of inference');
  refused(dropout((z) => [z], ['a', 'm'], (g) => g.node('mul', 'Mul', ['a', 'm'])), 'invalid model file: graph.node[1] ("drop") is Dropout whose mask "m" is read by graph.node[2] ("mul"); backprop reads Dropout as the identity of inference, without a mask');
});

const fixture = (name: string) => new URL(`fixtures/onnx/${name}`, import.meta.url);

test("PyTorch's batchnorm.onnx (Linear → BatchNorm1d → ReLU → Dropout → Linear, eval): predictions equal PyTorch's to 1e-5", (t) => {
  const model = importOnnx(new Uint8Array(readFileSync(fixture('batchnorm.onnx'))));
  assert.deepEqual(model.sizes, [4, 6, 3]);
  assert.deepEqual(model.layers.map((l) => l.activation), ['relu', 'linear']);
  const { input, output } = JSON.parse(readFileSync(fixture('batchnorm.json'), 'utf8')) as { input: number[][]; output: number[][] };
  const predicted = model.predict(input);
  const diff = Math.max(...output.flatMap((row, r) => row.map((v, c) => Math.abs(predicted.get(r, c) - v))));
  t.diagnostic(`max |backprop − PyTorch| = ${diff.toExponential(2)}`);
  assert.ok(diff <= 1e-5, `max difference ${diff}`);
});

test("PyTorch's training-mode exports are refused: BatchNormalization with its batch statistics, Dropout with training_mode true", () => {
  const read = (name: string) => new Uint8Array(readFileSync(fixture(name)));
  refused(read('batchnorm-train.onnx'), 'invalid model file: graph.node[1] ("/1/BatchNormalization") is BatchNormalization with 5 outputs (the batch statistics of training mode); backprop imports an inference-mode model: export it after model.eval() (torch.onnx.export with training=TrainingMode.EVAL)');
  refused(read('dropout-train.onnx'), 'invalid model file: graph.node[4] ("/2/Dropout") is Dropout with training_mode true (it drops values at random); backprop imports an inference-mode model: export it after model.eval() (torch.onnx.export with training=TrainingMode.EVAL)');
});
