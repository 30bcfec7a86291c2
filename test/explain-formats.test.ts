/**
 * The four outputs print the same numbers: every number of the JSON appears verbatim in the
 * Markdown and in the HTML (and the text), for the classic example and for a deeper network
 * with per-neuron biases, bias updates, iterations and the matrix view.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  explain,
  explanationHtml,
  explanationJson,
  explanationMarkdown,
  explanationText,
  matrixView,
  type ExplainOptions,
} from '../src/index.js';

function numbersOf(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => numbersOf(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => numbersOf(v, out));
  return out;
}

function assertContainsAll(document: string, numbers: readonly number[], what: string): void {
  const standalone = (n: string) => new RegExp(`(?<![\\d.])${n.replace(/[.+-]/g, '\\$&')}(?![\\d])`);
  const missing = [...new Set(numbers.map(String))].filter((n) => !standalone(n).test(document));
  assert.deepEqual(missing, [], `${what} lacks these numbers of the JSON`);
}

const cases: [string, ExplainOptions][] = [
  ['classic', { iterations: 100 }],
  [
    'a 3-2-2-1 tanh/sigmoid network with per-neuron biases',
    { sizes: [3, 2, 2, 1], activation: 'tanh', outputActivation: 'sigmoid', loss: 'binaryCrossEntropy', seed: 5, inputs: [1, -0.5, 0.25], targets: [1], biases: [0.1, -0.1, 0.2, 0.3, -0.4], updateBiases: true, iterations: 3 },
  ],
];

for (const [name, options] of cases) {
  test(`Markdown and HTML contain every number of the JSON: ${name}`, () => {
    const d = explain(options);
    const view = matrixView(options);
    const json = explanationJson(d, view) as Record<string, unknown>;
    const numbers = numbersOf(json);
    assert.ok(numbers.length > 50, 'the JSON has numbers');
    assertContainsAll(explanationMarkdown(d, view), numbers, 'Markdown');
    assertContainsAll(explanationHtml(d, view), numbers, 'HTML');
    assertContainsAll(explanationText(d, view), numbers, 'text');
  });
}

test('JSON holds totalError, weights, updatedWeights and errorAfter, rounded as printed', () => {
  const json = explanationJson(explain({ iterations: 10_000 })) as Record<string, unknown>;
  assert.equal(json['totalError'], 0.298371109);
  assert.deepEqual(json['weights'], { w1: 0.15, w2: 0.2, w3: 0.25, w4: 0.3, w5: 0.4, w6: 0.45, w7: 0.5, w8: 0.55 });
  assert.equal((json['updatedWeights'] as Record<string, number>)['w5'], 0.35891648);
  assert.equal(json['errorAfter'], 0.0000351019);
  assert.equal(json['iterations'], 10_000);
});

test('Markdown writes equations in LaTeX; HTML is one self-contained page with the network as SVG', () => {
  const d = explain();
  const md = explanationMarkdown(d);
  assert.match(md, /\$\$\\frac\{\\partial E_\{total\}\}\{\\partial w_\{5\}\} = /);
  assert.match(md, /\\delta_\{o1\}/);
  const html = explanationHtml(d);
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<svg [^>]*viewBox/);
  assert.doesNotMatch(html, /<script|<link|src="http|href="http/);
  for (const w of Object.keys(d.weights)) assert.ok(html.includes(`>${w.slice(0, 1)}<tspan class="sub" dy="4">${w.slice(1)}</tspan>`), `edge label ${w}`);
});

test('the text output starts like the walkthrough', () => {
  const text = explanationText(explain());
  assert.ok(text.startsWith('Backpropagation step by step: a 2-2-2 network\n'));
  assert.ok(text.includes('net_h1 = w1·i1 + w2·i2 + b1 = 0.15·0.05 + 0.2·0.1 + 0.35 = 0.3775'));
  assert.ok(text.includes('= 0.74136507 × 0.186815602 × 0.593269992 = 0.082167041'));
  assert.ok(text.includes('w5+ = w5 - η·∂E_total/∂w5 = 0.4 - 0.5 × 0.082167041 = 0.35891648'));
});
