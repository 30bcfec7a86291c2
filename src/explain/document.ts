/**
 * The explanation as a list of blocks (headings, prose, equations, value lists, matrices), built
 * once from a Derivation and/or a MatrixView; format-text, format-markdown and format-html only
 * render these blocks, so all three print the same numbers in the same order and format.
 *
 * Equation parts are formulas in the vocabulary of chain-rule.ts: names (net_h1, delta_o1, w5),
 * partials (∂E_total/∂w5), printed numbers, + - · × / ^ ( ).
 */
import type { Derivation, Factor } from './derivation.js';
import { namedValues } from './derivation.js';
import * as rule from './chain-rule.js';
import { formatNumber } from './format-number.js';
import type { MatrixView, NamedMatrix } from './matrix-view.js';

/** One block of an explanation. */
export type Block =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'subheading'; readonly text: string }
  | { readonly kind: 'text'; readonly text: string }
  /** lhs = part = part ...; depth 0 or 1 (a supporting step under the previous equation). */
  | { readonly kind: 'equation'; readonly parts: readonly string[]; readonly depth: number }
  /** 'name = value (note)' items in a row. */
  | { readonly kind: 'values'; readonly items: readonly { readonly name: string; readonly value: number; readonly note?: string }[] }
  | { readonly kind: 'formula'; readonly text: string }
  /** A matrix, optionally with the neuron-level name of each entry beside it and a caption after its name. */
  | { readonly kind: 'matrix'; readonly matrix: NamedMatrix; readonly names: string[][] | null; readonly caption?: string };

const fmt = formatNumber;

/** Blocks of the neuron-by-neuron derivation. */
export function derivationBlocks(d: Derivation): Block[] {
  const values = namedValues(d);
  const numeric = (formula: string) =>
    rule.fullySubstitutable(formula, values) && !/^\w+$/.test(formula) ? [rule.substitute(formula, values, fmt)] : [];
  const blocks: Block[] = [{ kind: 'title', text: `Backpropagation step by step: a ${d.sizes.join('-')} network` }];
  blocks.push({ kind: 'text', text: settingsLine(d) }, { kind: 'text', text: namingLine(d) });
  blocks.push({ kind: 'heading', text: 'Starting values' });
  blocks.push({ kind: 'values', items: [...entries(d.inputs), ...entries(d.targets)] });
  blocks.push({ kind: 'values', items: Object.entries(d.weights).map(([w, value]) => ({ name: w, value, note: d.connections[w]!.join('→') })) });
  if (Object.keys(d.biases).length > 0) blocks.push({ kind: 'values', items: biasItems(d) });
  blocks.push({ kind: 'heading', text: 'The forward pass' });
  for (const layer of d.neurons) {
    for (const n of layer) {
      blocks.push({ kind: 'equation', depth: 0, parts: [`net_${n.name}`, n.netFormula, ...numeric(n.netFormula), fmt(n.net)] });
      blocks.push({ kind: 'equation', depth: 0, parts: [`out_${n.name}`, `${d.activations[n.layer - 1]}(net_${n.name})`, n.outFormula, fmt(n.out)] });
    }
  }
  blocks.push({ kind: 'heading', text: 'The total error' });
  blocks.push({ kind: 'formula', text: d.lossFormula });
  for (const e of d.outputErrors) blocks.push({ kind: 'equation', depth: 0, parts: [e.name, e.formula, ...numeric(e.formula), fmt(e.value)] });
  const sum = d.outputErrors.map((e) => e.name).join(' + ');
  blocks.push({ kind: 'equation', depth: 0, parts: ['E_total', sum, d.outputErrors.map((e) => fmt(e.value)).join(' + '), fmt(d.totalError)] });
  const L = d.sizes.length - 1;
  for (let l = L; l >= 1; l--) for (const block of backwardLayerBlocks(d, l, numeric)) blocks.push(block);
  blocks.push({ kind: 'heading', text: `The updates (η = ${fmt(d.learningRate)}), output layer first` });
  for (const u of d.updates) {
    const p = u.parameter;
    blocks.push({ kind: 'equation', depth: 0, parts: [`${p}+`, `${p} - η·∂E_total/∂${p}`, `${fmt(u.before)} - ${fmt(d.learningRate)} × ${signed(u.gradient)}`, fmt(u.after)] });
  }
  if (!d.updateBiases && Object.keys(d.biases).length > 0) blocks.push({ kind: 'text', text: 'The biases are not updated.' });
  if (d.iterations !== undefined && d.errorAfter !== undefined) {
    blocks.push({ kind: 'heading', text: `After ${d.iterations} updates` });
    blocks.push({ kind: 'text', text: `Repeating the same update ${d.iterations} times on this example (E_total was ${fmt(d.totalError)} before the first):` });
    blocks.push({ kind: 'equation', depth: 0, parts: [`E_total`, fmt(d.errorAfter)] });
  }
  for (const note of d.notes) blocks.push({ kind: 'text', text: note });
  return blocks.map(withoutRepeats);
}

/** Drops an equation part equal to the one before it (tanh(net_h1) = tanh(net_h1)). */
function withoutRepeats(block: Block): Block {
  if (block.kind !== 'equation') return block;
  return { ...block, parts: block.parts.filter((p, i) => i === 0 || p !== block.parts[i - 1]) };
}

function backwardLayerBlocks(d: Derivation, l: number, numeric: (formula: string) => string[]): Block[] {
  const L = d.sizes.length - 1;
  const blocks: Block[] = [{ kind: 'heading', text: l === L ? `The backward pass: output layer` : `The backward pass: hidden layer ${l}` }];
  for (const delta of d.deltas[l - 1]!) {
    const x = delta.neuron;
    blocks.push({ kind: 'subheading', text: `Neuron ${x}` });
    if (delta.dOutTerms !== null) {
      const sumOf = delta.dOutTerms.map((term) => term.map(symbol).join(' · ')).join(' + ');
      blocks.push({ kind: 'equation', depth: 0, parts: [symbol(delta.dOut), sumOf, delta.dOut.formula] });
      for (const term of delta.dOutTerms) {
        const product = term.reduce((p, f) => p * f.value, 1);
        blocks.push({ kind: 'equation', depth: 1, parts: [term.map(symbol).join(' · '), term.map((f) => signed(f.value)).join(' × '), fmt(product)] });
      }
      const termValues = delta.dOutTerms.map((t) => signed(t.reduce((p, f) => p * f.value, 1)));
      blocks.push({ kind: 'equation', depth: 0, parts: [symbol(delta.dOut), termValues.join(' + '), fmt(delta.dOut.value)] });
    } else if (delta.rule !== 'fused') {
      blocks.push(factorEquation(delta.dOut, 0, numeric(delta.dOut.formula)));
    }
    if (delta.dOutDNet !== null) {
      blocks.push(factorEquation(delta.dOutDNet, 0, numeric(delta.dOutDNet.formula)));
      const chain = [delta.dOut, delta.dOutDNet];
      blocks.push({ kind: 'equation', depth: 0, parts: [`delta_${x}`, `∂E_total/∂net_${x}`, delta.formula, chain.map((f) => signed(f.value)).join(' × '), fmt(delta.value)] });
    } else {
      blocks.push({ kind: 'equation', depth: 0, parts: [`delta_${x}`, `∂E_total/∂net_${x}`, delta.formula, ...numeric(delta.formula), fmt(delta.value)] });
    }
    for (const g of d.gradients.filter((g) => g.layer === l && g.products.some((p) => p.at(-1)!.of === `net_${x}`))) {
      const own = g.products.length === 1;
      if (!own) continue;
      const last = g.products[0]!.at(-1)!;
      blocks.push(factorEquation(last, 0, numeric(last.formula)));
      blocks.push(gradientEquation(g.parameter, g.products, g.value));
    }
  }
  for (const g of d.gradients.filter((g) => g.layer === l && g.products.length > 1)) {
    blocks.push({ kind: 'subheading', text: `Shared bias ${g.parameter}` });
    blocks.push(gradientEquation(g.parameter, g.products, g.value));
  }
  return blocks;
}

function gradientEquation(parameter: string, products: Factor[][], value: number): Block {
  const symbolic = products.map((p) => p.map(symbol).join(' · ')).join(' + ');
  const numbers = products.map((p) => p.map((f) => signed(f.value)).join(' × ')).join(' + ');
  return { kind: 'equation', depth: 0, parts: [`∂E_total/∂${parameter}`, symbolic, numbers, fmt(value)] };
}

function factorEquation(f: Factor, depth: number, numericForm: string[]): Block {
  const parts = [symbol(f), f.formula, ...numericForm, fmt(f.value)];
  return { kind: 'equation', depth, parts: parts.filter((p, i) => i === 0 || p !== parts[i - 1]) };
}

/** Blocks of the matrix view. */
export function matrixBlocks(view: MatrixView, standalone: boolean): Block[] {
  const blocks: Block[] = [];
  if (standalone) blocks.push({ kind: 'title', text: `Backpropagation in matrix form: a ${view.sizes.join('-')} network` });
  else blocks.push({ kind: 'heading', text: 'The same step in matrix form' });
  blocks.push({ kind: 'text', text: `Seed 000's notation, row-major: one example per row (m = ${view.m}), W[l] is n[l-1] x n[l]. Error ${view.loss}, learning rate η = ${fmt(view.learningRate)}.` });
  blocks.push({ kind: 'matrix', matrix: view.X, names: null }, { kind: 'matrix', matrix: view.Y, names: null });
  for (const layer of view.layers) {
    blocks.push({ kind: 'subheading', text: `Layer ${layer.layer} forward (${layer.activation})` });
    for (const f of layer.forward) blocks.push({ kind: 'formula', text: f });
    blocks.push({ kind: 'matrix', matrix: layer.W, names: layer.weightNames });
    if (layer.b !== null) blocks.push({ kind: 'matrix', matrix: layer.b, names: null });
    const columns = layer.neuronNames === null ? null : [layer.neuronNames];
    blocks.push({ kind: 'matrix', matrix: layer.Z, names: columns?.map((r) => r.map((n) => `net_${n}`)) ?? null });
    blocks.push({ kind: 'matrix', matrix: layer.A, names: columns?.map((r) => r.map((n) => `out_${n}`)) ?? null });
  }
  blocks.push({ kind: 'subheading', text: `Error E = ${fmt(view.totalError)}` });
  blocks.push({ kind: 'matrix', matrix: view.dAOutput, names: null });
  for (const layer of [...view.layers].reverse()) {
    blocks.push({ kind: 'subheading', text: `Layer ${layer.layer} backward` });
    for (const f of layer.backward) blocks.push({ kind: 'formula', text: f });
    const columns = layer.neuronNames === null ? null : [layer.neuronNames.map((n) => `delta_${n}`)];
    blocks.push({ kind: 'matrix', matrix: layer.dZ, names: columns });
    blocks.push({ kind: 'matrix', matrix: layer.dW, names: layer.weightNames?.map((r) => r.map((w) => `∂E/∂${w}`)) ?? null });
    if (layer.db !== null) blocks.push({ kind: 'matrix', matrix: layer.db, names: null });
    if (layer.dAPrev !== null) blocks.push({ kind: 'matrix', matrix: layer.dAPrev, names: null });
    blocks.push({ kind: 'matrix', matrix: layer.updatedW, names: null, caption: 'after the update' });
    if (layer.updatedB !== null) blocks.push({ kind: 'matrix', matrix: layer.updatedB, names: null, caption: 'after the update' });
  }
  return blocks;
}

function settingsLine(d: Derivation): string {
  const L = d.activations.length;
  const hidden = (l: number) => (L === 2 ? 'hidden' : `hidden layer ${l + 1}`);
  const activations = d.activations.map((a, l) => `${a} (${l === L - 1 ? 'output' : hidden(l)})`).join(', ');
  const bias = d.biasMode === 'none' ? 'no biases' : d.updateBiases ? 'biases updated' : 'biases not updated';
  const seed = d.seed === undefined ? '' : `, weights drawn with seed ${d.seed}`;
  return `Activations: ${activations}. Error: ${d.lossFormula}. Learning rate η = ${fmt(d.learningRate)}, ${bias}${seed}.`;
}

function namingLine(d: Derivation): string {
  const neurons = d.neurons.map((layer) => layer.map((n) => n.name).join(', '));
  const hidden = neurons.slice(0, -1);
  const weights = Object.keys(d.weights);
  const bias = d.biasMode === 'shared' ? '; one bias per layer, shared by its neurons' : d.biasMode === 'perNeuron' ? '; one bias per neuron, b_<neuron>' : '';
  return (
    `Names: inputs ${Object.keys(d.inputs).join(', ')}; ${hidden.length > 0 ? `hidden ${hidden.join(' | ')}; ` : ''}outputs ${neurons.at(-1)}; ` +
    `weights ${weights[0]}..${weights.at(-1)} numbered layer by layer and neuron by neuron, each neuron's incoming weights in input order${bias}.`
  );
}

function biasItems(d: Derivation): { name: string; value: number; note?: string }[] {
  return Object.entries(d.biases).map(([b, value]) => {
    if (d.biasMode !== 'shared') return { name: b, value };
    const layer = d.neurons[Number(b.slice(1)) - 1]!;
    return { name: b, value, note: `shared by ${layer.map((n) => n.name).join(', ')}` };
  });
}

function entries(record: Record<string, number>): { name: string; value: number }[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}

function symbol(f: Factor): string {
  return rule.partialText(f.of, f.wrt);
}

/** A printed number, in parentheses when negative (inside products and sums). */
function signed(x: number): string {
  const text = fmt(x);
  return text.startsWith('-') ? `(${text})` : text;
}

/** Largest matrix part printed in text, Markdown and HTML (JSON always holds every entry). */
export const MATRIX_PRINT_LIMIT = 8;

/** The printed cells of a matrix: at most MATRIX_PRINT_LIMIT rows and columns, '…' marking what is left out. */
export function matrixCells(values: readonly (readonly number[])[]): string[][] {
  const limit = MATRIX_PRINT_LIMIT;
  const rows = values.slice(0, limit).map((row) => {
    const cells = row.slice(0, limit).map(fmt);
    return row.length > limit ? [...cells, '…'] : cells;
  });
  if (values.length > limit) rows.push(rows[0]!.map(() => '⋮'));
  return rows;
}
