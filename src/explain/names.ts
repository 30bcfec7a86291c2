/**
 * The naming convention of every explanation (text, Markdown, HTML, JSON and the library data).
 *
 * For a network with sizes [n_0, n_1, ..., n_L] (n_0 inputs, L layers of neurons):
 * - Inputs are i1..i{n_0}.
 * - Hidden neurons are h1, h2, ... numbered consecutively through ALL hidden layers
 *   (a 2-3-2-1 net has h1..h3 in layer 1 and h4, h5 in layer 2); outputs are o1..o{n_L}.
 * - Weights are w1, w2, ... numbered layer by layer, and inside a layer neuron by neuron,
 *   each neuron's incoming weights in input order. For the classic 2-2-2 net this gives the
 *   walkthrough's w1 = i1→h1, w2 = i2→h1, w3 = i1→h2, w4 = i2→h2, w5 = h1→o1, w6 = h2→o1,
 *   w7 = h1→o2, w8 = h2→o2. In engine terms, the weight from neuron a of layer l−1 to neuron
 *   b of layer l is W[l][a][b] (W[l] is n_{l−1} x n_l, row = source, column = target).
 * - Biases given one per layer are shared by the layer's neurons and named b1..bL (the
 *   walkthrough's b1 for the hidden layer, b2 for the output layer); biases given one per
 *   neuron are named after their neuron: b_h1, b_o2, ...
 * - Per-neuron quantities: net_x (weighted input), out_x (activation), target_oj, E_oj
 *   (that output's share of the error), E_total, delta_x = ∂E_total/∂net_x.
 */

/** Name of neuron `index` (0-based) of layer `layer` (0 = inputs) in a network of the given sizes. */
export function neuronName(sizes: readonly number[], layer: number, index: number): string {
  if (layer === 0) return `i${index + 1}`;
  if (layer === sizes.length - 1) return `o${index + 1}`;
  let before = 0;
  for (let l = 1; l < layer; l++) before += sizes[l]!;
  return `h${before + index + 1}`;
}

/** Names of every layer's neurons: entry 0 holds the inputs, entry L the outputs. */
export function neuronNames(sizes: readonly number[]): string[][] {
  return sizes.map((n, layer) => Array.from({ length: n }, (_, index) => neuronName(sizes, layer, index)));
}

/** Name of the weight from neuron `from` of layer `layer`−1 to neuron `to` of layer `layer` (1-based layer, 0-based indices). */
export function weightName(sizes: readonly number[], layer: number, from: number, to: number): string {
  let before = 0;
  for (let l = 1; l < layer; l++) before += sizes[l - 1]! * sizes[l]!;
  return `w${before + to * sizes[layer - 1]! + from + 1}`;
}

/** How biases are given: one per layer shared by its neurons, one per neuron, or none at all. */
export type BiasMode = 'shared' | 'perNeuron' | 'none';

/** Name of the bias that neuron `index` of layer `layer` (1-based) adds, or null without biases. */
export function biasName(sizes: readonly number[], mode: BiasMode, layer: number, index: number): string | null {
  if (mode === 'none') return null;
  return mode === 'shared' ? `b${layer}` : `b_${neuronName(sizes, layer, index)}`;
}

/** Number of weights of a network with these sizes. */
export function weightCount(sizes: readonly number[]): number {
  let count = 0;
  for (let l = 1; l < sizes.length; l++) count += sizes[l - 1]! * sizes[l]!;
  return count;
}

/**
 * LaTeX for a name of the convention: `net_h1` → `\mathit{net}_{h1}`, `w5` → `w_{5}`,
 * `E_total` → `E_{total}`, `delta_o1` → `\delta_{o1}`.
 */
export function latexName(name: string): string {
  const underscore = name.indexOf('_');
  if (underscore >= 0) {
    const base = name.slice(0, underscore);
    const sub = name.slice(underscore + 1);
    const head = base === 'delta' ? '\\delta' : base.length > 1 ? `\\mathit{${base}}` : base;
    return `${head}_{${sub}}`;
  }
  const match = /^([a-zA-Z]+)(\d+)$/.exec(name);
  return match === null ? name : `${match[1]}_{${match[2]}}`;
}

/** Plain-text rendering of a name: `delta_o1` → `δ_o1`, everything else unchanged. */
export function textName(name: string): string {
  return name.startsWith('delta_') ? `δ_${name.slice(6)}` : name;
}

/** HTML rendering of a name with a subscript: `net_h1` → `net<sub>h1</sub>`, `w5` → `w<sub>5</sub>`. */
export function htmlName(name: string): string {
  const underscore = name.indexOf('_');
  if (underscore >= 0) {
    const base = name.slice(0, underscore);
    return `${base === 'delta' ? 'δ' : base}<sub>${name.slice(underscore + 1)}</sub>`;
  }
  const match = /^([a-zA-Z]+)(\d+)$/.exec(name);
  return match === null ? name : `${match[1]}<sub>${match[2]}</sub>`;
}
