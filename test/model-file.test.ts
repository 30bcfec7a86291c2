/** Model files: save → load gives identical predictions; broken files are rejected with a message naming the field. */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Matrix, Mlp, ModelFormatError, Random, exportOnnx, fit, modelFromJson } from '../src/index.js';
import { loadMlp as loadModel, loadMlpSync as loadModelSync, saveModel } from '../src/node.js';

function trainedModel(): { model: Mlp; x: Matrix } {
  const random = new Random(7);
  const x = Matrix.zeros(20, 4);
  for (let i = 0; i < x.size; i++) x.data[i] = random.normal();
  const y = Matrix.zeros(20, 3);
  for (let r = 0; r < 20; r++) y.set(r, r % 3, 1);
  const model = Mlp.create({ sizes: [4, 6, 5, 3], activation: 'leakyRelu', outputActivation: 'softmax', seed: 7 });
  fit(model, { x, y }, { epochs: 3, optimizer: { kind: 'adam', learningRate: 0.01 } });
  model.metadata = { classNames: ['a', 'b', 'c'], loss: 'crossEntropy' };
  return { model, x };
}

test('save -> load gives bit-identical predictions and keeps the metadata', async () => {
  const { model, x } = trainedModel();
  const dir = await mkdtemp(join(tmpdir(), 'backprop-'));
  const path = join(dir, 'model.json');
  await saveModel(model, path);
  const loaded = await loadModel(path);
  assert.deepEqual(Array.from(loaded.predict(x).data), Array.from(model.predict(x).data));
  assert.deepEqual(loaded.metadata, { classNames: ['a', 'b', 'c'], loss: 'crossEntropy' });
  assert.deepEqual(loaded.sizes, [4, 6, 5, 3]);
  assert.deepEqual(await readdir(dir), ['model.json'], 'no temporary file left behind');
  const viaJson = Mlp.fromJSON(JSON.stringify(model));
  assert.deepEqual(Array.from(viaJson.predict(x).data), Array.from(model.predict(x).data));
});

test('models without bias round-trip too', () => {
  const model = Mlp.create({ sizes: [3, 2, 2], bias: false, seed: 1 });
  const copy = Mlp.fromJSON(model.toJSON());
  assert.equal(copy.layers[0]!.b, null);
  assert.deepEqual(Array.from(copy.layers[1]!.W.data), Array.from(model.layers[1]!.W.data));
});

test('corrupted, truncated and mismatched files are rejected with a message naming the problem', async () => {
  const { model } = trainedModel();
  const good = JSON.parse(JSON.stringify(model)) as Record<string, unknown> & { layers: Record<string, unknown>[] };
  const variant = (change: (json: typeof good) => void) => {
    const copy = structuredClone(good);
    change(copy);
    return copy;
  };
  const cases: [unknown, RegExp][] = [
    [JSON.stringify(good).slice(0, 200), /^invalid model file: \(text\) is not valid JSON .*truncated/],
    [variant((j) => (j.format = 'keras')), /^invalid model file: format must be "backprop-model", got "keras"/],
    [variant((j) => (j.version = 99)), /^invalid model file: version 99 is not supported/],
    [variant((j) => (j.layers = [])), /^invalid model file: layers must be a non-empty array/],
    [variant((j) => (j.layers[1]!.inputSize = 7)), /^invalid model file: layers\[1\]\.inputSize is 7 but layers\[0\] has 6 units/],
    [variant((j) => (j.layers[2]!.activation = 'swish')), /^invalid model file: layers\[2\]\.activation is not a known activation: "swish"/],
    [variant((j) => (j.layers[0]!.weights = (j.layers[0]!.weights as string).slice(0, 48))), /^invalid model file: layers\[0\]\.weights holds 9 values, expected 24/],
    [variant((j) => (j.layers[0]!.weights = (j.layers[0]!.weights as string).slice(0, 40))), /^invalid model file: layers\[0\]\.weights holds 30 bytes, not a whole number of float32 values/],
    [variant((j) => (j.layers[0]!.weights = '@@@@')), /^invalid model file: layers\[0\]\.weights is not base64/],
    [variant((j) => (j.layers[1]!.units = 0)), /^invalid model file: layers\[1\]\.units must be a positive integer, got 0/],
  ];
  for (const [json, message] of cases) {
    assert.throws(() => Mlp.fromJSON(json), (error: unknown) => {
      assert.ok(error instanceof ModelFormatError);
      assert.match(error.message, message);
      return true;
    });
  }
  const dir = await mkdtemp(join(tmpdir(), 'backprop-'));
  const path = join(dir, 'broken.json');
  await writeFile(path, '{"format":"backprop-model","version":1,"layers":[{"inputSize":2}]}');
  await assert.rejects(loadModel(path), /^ModelFormatError: invalid model file .*broken\.json: layers\[0\]\.units must be a positive integer, got undefined$/);
  await assert.rejects(loadModel(join(dir, 'missing.json')), /cannot read model file .*missing\.json: no such file/);
  await assert.rejects(saveModel(model, join(dir, 'no-such-dir', 'm.json')), /cannot write model file .*m\.json: the folder .*no-such-dir does not exist$/);
});

test("another tool's model JSON is named: TensorFlow.js, Keras, brain.js, ONNX as JSON", () => {
  const cases: [unknown, RegExp][] = [
    [{ modelTopology: {}, weightsManifest: [] }, /this looks like a TensorFlow\.js model\.json, not a backprop model file; backprop import reads ONNX files/],
    [{ class_name: 'Sequential', config: { layers: [] }, keras_version: '2.15.0' }, /this looks like a Keras model, not a backprop model file/],
    [{ type: 'NeuralNetwork', sizes: [2, 3, 1], layers: [{}, {}, {}], trainOpts: {} }, /this looks like a brain\.js network, not a backprop model file/],
    [{ graph: {}, opsetImport: [] }, /this looks like an ONNX model written as JSON, not a backprop model file; backprop import reads the binary \.onnx file/],
  ];
  for (const [json, pattern] of cases) assert.throws(() => modelFromJson(json), (error: unknown) => error instanceof ModelFormatError && pattern.test(error.message));
});

test('an ONNX file or another binary file given as a model file is named in one printable line', async () => {
  const { model } = trainedModel();
  const dir = await mkdtemp(join(tmpdir(), 'backprop-'));
  const onnx = join(dir, 'model.onnx');
  await writeFile(onnx, exportOnnx(model));
  const gz = join(dir, 'model.json.gz');
  await writeFile(gz, Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]));
  for (const load of [loadModel, loadModelSync]) {
    await assert.rejects(async () => load(onnx), (error: Error) => error instanceof ModelFormatError && /is an ONNX file, not a backprop model file .*backprop import/.test(error.message) && !/[\u0000-\u0008]/.test(error.message));
    await assert.rejects(async () => load(gz), (error: Error) => error instanceof ModelFormatError && /is binary, not a backprop model file/.test(error.message) && !/[\u0000-\u0008]/.test(error.message));
  }
});

test('a CSV table given as model text is named as one, in memory as from a file; other text says it is not JSON', () => {
  assert.throws(() => modelFromJson('a,b,y\n1,2,0\n'), /^ModelFormatError: invalid model file: \(file\) is a CSV table, not a backprop model file \(JSON\)/);
  assert.throws(() => modelFromJson('hello there'), /^ModelFormatError: invalid model file: \(text\) is not JSON \(it starts "hello there"\)/);
});
