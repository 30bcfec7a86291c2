/**
 * `explain()` on seed 001's classic 2-2-2 example against the walkthrough's published values,
 * to 9 decimals: forward values, total error, every chain-rule factor it prints, the deltas
 * and every updated weight; and the error after many updates (with the walkthrough's
 * off-by-one documented: its "10,000 iterations" figure is our error after 9,999 updates).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explain, type Derivation, type Factor } from '../src/index.js';
import { assertClose } from './helpers/tolerance.js';

const nineDecimals = { atol: 5e-9 };
const classic = explain();

function neuron(d: Derivation, name: string) {
  const found = d.neurons.flat().find((n) => n.name === name);
  assert.ok(found, `neuron ${name}`);
  return found;
}

function gradient(d: Derivation, parameter: string) {
  const found = d.gradients.find((g) => g.parameter === parameter);
  assert.ok(found, `gradient of ${parameter}`);
  return found;
}

function factor(factors: readonly Factor[], of: string, wrt: string): Factor {
  const found = factors.find((f) => f.of === of && f.wrt === wrt);
  assert.ok(found, `factor ∂${of}/∂${wrt}`);
  return found;
}

test('forward pass and total error match the walkthrough', () => {
  assertClose(neuron(classic, 'h1').net, 0.3775, nineDecimals, 'net_h1');
  assertClose(neuron(classic, 'h1').out, 0.593269992, nineDecimals, 'out_h1');
  assertClose(neuron(classic, 'h2').out, 0.596884378, nineDecimals, 'out_h2');
  assertClose(neuron(classic, 'o1').net, 1.105905967, nineDecimals, 'net_o1');
  assertClose(neuron(classic, 'o1').out, 0.75136507, nineDecimals, 'out_o1');
  assertClose(neuron(classic, 'o2').out, 0.772928465, nineDecimals, 'out_o2');
  assertClose(classic.totalError, 0.298371109, nineDecimals, 'E_total');
  assert.deepEqual(classic.outputErrors.map((e) => e.name), ['E_o1', 'E_o2']);
  assertClose(classic.outputErrors[0]!.value, 0.274811083, nineDecimals, 'E_o1');
  assertClose(classic.outputErrors[1]!.value, 0.023560026, nineDecimals, 'E_o2');
});

test('∂E/∂w5 is the product of the published chain-rule factors', () => {
  const [product] = gradient(classic, 'w5').products;
  assert.ok(product);
  assert.deepEqual(product.map((f) => `∂${f.of}/∂${f.wrt}`), ['∂E_total/∂out_o1', '∂out_o1/∂net_o1', '∂net_o1/∂w5']);
  assertClose(factor(product, 'E_total', 'out_o1').value, 0.74136507, nineDecimals, '∂E/∂out_o1');
  assertClose(factor(product, 'out_o1', 'net_o1').value, 0.186815602, nineDecimals, '∂out_o1/∂net_o1');
  assertClose(factor(product, 'net_o1', 'w5').value, 0.593269992, nineDecimals, '∂net_o1/∂w5');
  assertClose(gradient(classic, 'w5').value, 0.082167041, nineDecimals, '∂E/∂w5');
  assertClose(classic.deltas[1]![0]!.value, 0.138498562, nineDecimals, 'δ_o1');
});

test('∂E/∂w1 goes through both outputs, as the walkthrough derives it', () => {
  const [product] = gradient(classic, 'w1').products;
  assert.ok(product);
  assert.deepEqual(product.map((f) => `∂${f.of}/∂${f.wrt}`), ['∂E_total/∂out_h1', '∂out_h1/∂net_h1', '∂net_h1/∂w1']);
  assertClose(factor(product, 'E_total', 'out_h1').value, 0.036350306, nineDecimals, '∂E_total/∂out_h1');
  assertClose(factor(product, 'out_h1', 'net_h1').value, 0.241300709, nineDecimals, '∂out_h1/∂net_h1');
  assertClose(factor(product, 'net_h1', 'w1').value, 0.05, nineDecimals, '∂net_h1/∂w1 = i1');
  assertClose(gradient(classic, 'w1').value, 0.000438568, nineDecimals, '∂E/∂w1');
  const h1 = classic.deltas[0]![0]!;
  assert.equal(h1.dOutTerms?.length, 2, 'one term per output neuron');
  assertClose(h1.dOutTerms![0]![0]!.value * h1.dOutTerms![0]![1]!.value, 0.055399425, nineDecimals, '∂E_o1/∂out_h1');
});

test('every updated weight matches the walkthrough; biases are not updated', () => {
  const published: Record<string, number> = {
    w5: 0.35891648, w6: 0.408666186, w7: 0.51130127, w8: 0.561370121,
    w1: 0.149780716, w2: 0.19956143, w3: 0.24975114, w4: 0.29950229,
  };
  for (const [w, value] of Object.entries(published)) assertClose(classic.updatedWeights[w]!, value, nineDecimals, `${w}+`);
  assert.deepEqual(classic.weights, { w1: 0.15, w2: 0.2, w3: 0.25, w4: 0.3, w5: 0.4, w6: 0.45, w7: 0.5, w8: 0.55 });
  assert.deepEqual(classic.biases, { b1: 0.35, b2: 0.6 });
  assert.equal(classic.updatedBiases, undefined);
  assert.deepEqual(classic.updates.map((u) => u.parameter), ['w5', 'w6', 'w7', 'w8', 'w1', 'w2', 'w3', 'w4']);
  assert.deepEqual(classic.connections['w2'], ['i2', 'h1']);
  assert.deepEqual(classic.connections['w7'], ['h1', 'o2']);
});

test("the walkthrough's 'after 10,000 iterations 0.0000351085' is the engine's error after 9,999 updates", () => {
  assertClose(explain({ iterations: 9_999 }).errorAfter!, 0.0000351085, { atol: 5e-11 }, 'after 9,999');
  const after = explain({ iterations: 10_000 });
  assert.equal(after.iterations, 10_000);
  assertClose(after.errorAfter!, 0.0000351019, { atol: 5e-11 }, 'after 10,000');
  assert.ok(after.notes.some((n) => n.includes('9,999')), 'the output says so');
});

test('shared biases, when updated, move by the sum of their neurons\' deltas', () => {
  const d = explain({ updateBiases: true });
  const deltas = d.deltas.map((layer) => layer.reduce((s, x) => s + x.value, 0));
  assertClose(gradient(d, 'b2').value, deltas[1]!, { atol: 1e-15 }, '∂E/∂b2');
  assertClose(d.updatedBiases!['b1']!, 0.35 - 0.5 * deltas[0]!, { atol: 1e-15 }, 'b1+');
  assertClose(d.updatedWeights['w5']!, 0.35891648, nineDecimals, 'weights unchanged by the bias option');
});
