/**
 * The network of a Derivation drawn as an inline SVG string (no DOM): layers as columns from
 * inputs (left) to outputs (right), every neuron with its net/out (inputs: value; outputs: target
 * and δ), every weight's value on its edge with ∂E/∂w and the updated value, and shared biases
 * under their layer. Numbers are printed by formatNumber, exactly as everywhere else.
 */
import type { Derivation } from './derivation.js';
import { formatNumber } from './format-number.js';

const COLUMN_GAP = 540;
const ROW_GAP = 200;
/** Neurons are cards of this width holding their values; edges end at the card sides. */
const CARD_WIDTH = 140;
const LINE = 17;
const MARGIN_X = 30 + CARD_WIDTH / 2;
const MARGIN_TOP = 110;
const MARGIN_BOTTOM = 100;

interface Point {
  readonly x: number;
  readonly y: number;
}

/** The network diagram of `d` as an `<svg>` element string. */
export function derivationSvg(d: Derivation): string {
  const names = [Object.keys(d.inputs), ...d.neurons.map((layer) => layer.map((n) => n.name))];
  const tallest = names.reduce((most, layer) => Math.max(most, layer.length), 0);
  const width = MARGIN_X * 2 + COLUMN_GAP * (names.length - 1);
  const height = MARGIN_TOP + ROW_GAP * (tallest - 1) + MARGIN_BOTTOM;
  const position = new Map<string, Point>();
  names.forEach((layer, l) => {
    const top = MARGIN_TOP + ((tallest - layer.length) * ROW_GAP) / 2;
    layer.forEach((name, k) => position.set(name, { x: MARGIN_X + l * COLUMN_GAP, y: top + k * ROW_GAP }));
  });
  const gradients = new Map(d.gradients.map((g) => [g.parameter, g.value]));
  const parts: string[] = [];
  const sources = new Map<string, number>();
  names.forEach((layer) => layer.forEach((name, k) => sources.set(name, k)));
  for (const [w, [from, to]] of Object.entries(d.connections)) {
    const a = { x: position.get(from)!.x + CARD_WIDTH / 2, y: position.get(from)!.y };
    const b = { x: position.get(to)!.x - CARD_WIDTH / 2, y: position.get(to)!.y };
    const k = sources.get(from)!;
    const count = names.find((layer) => layer.includes(from))!.length;
    parts.push(edge(w, a, b, k, count, d.weights[w]!, gradients.get(w)!, d.updatedWeights[w]!));
  }
  names.forEach((layer, l) => layer.forEach((name) => parts.push(node(d, name, l, position.get(name)!))));
  if (d.biasMode === 'shared') {
    for (const [b, value] of Object.entries(d.biases)) {
      const x = MARGIN_X + Number(b.slice(1)) * COLUMN_GAP;
      const updated = d.updatedBiases?.[b];
      const after = updated === undefined ? '' : ` → ${formatNumber(updated)}`;
      parts.push(`<text class="bias" x="${x}" y="${height - 14}" text-anchor="middle">${sub(b)} = ${formatNumber(value)}${after} (shared)</text>`);
    }
  }
  const legend = `<text class="legend" x="12" y="22">On each edge: the weight and its value; under it, ∂E_total/∂w → the weight after the update.</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="the network with every value">`,
    legend,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** One weight: the line, and its labels rotated along it at a point that keeps neighbouring labels apart. */
function edge(w: string, a: Point, b: Point, source: number, sources: number, value: number, gradient: number, updated: number): string {
  const t = sources === 1 ? 0.5 : 0.25 + (0.5 * source) / (sources - 1);
  const x = a.x + (b.x - a.x) * t;
  const y = a.y + (b.y - a.y) * t;
  const angle = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
  const colour = value >= 0 ? 'pos' : 'neg';
  const thickness = Math.min(6, 1.2 + 3 * Math.abs(value));
  return [
    `<line class="edge ${colour}" x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" stroke-width="${thickness.toFixed(2)}"/>`,
    `<g transform="translate(${x.toFixed(1)} ${y.toFixed(1)}) rotate(${angle.toFixed(2)})">`,
    `<text class="w" y="-7" text-anchor="middle"><tspan class="wname">${sub(w)}</tspan> = ${formatNumber(value)}</text>`,
    `<text class="dw" y="14" text-anchor="middle">${formatNumber(gradient)} → ${formatNumber(updated)}</text>`,
    '</g>',
  ].join('');
}

/** One neuron as a card: its name, then its values (inputs: the value; others: net, out, δ, and target for outputs). */
function node(d: Derivation, name: string, layer: number, p: Point): string {
  const kind = layer === 0 ? 'input' : name.startsWith('o') ? 'output' : 'hidden';
  const rows: [string, number][] = [];
  if (layer === 0) {
    rows.push(['value', d.inputs[name]!]);
  } else {
    const n = d.neurons[layer - 1]!.find((x) => x.name === name)!;
    const delta = d.deltas[layer - 1]!.find((x) => x.neuron === name)!;
    rows.push(['net', n.net], ['out', n.out], ['δ', delta.value]);
    if (kind === 'output') rows.push(['target', d.targets[`target_${name}`]!]);
    const bias = d.biasMode === 'perNeuron' ? d.biases[`b_${name}`] : undefined;
    if (bias !== undefined) rows.push([`b`, bias]);
  }
  const height = cardHeight(rows.length);
  const top = p.y - height / 2;
  const left = p.x - CARD_WIDTH / 2;
  const lines = rows.map(
    ([key, value], i) =>
      `<text class="key" x="${left + 12}" y="${top + 44 + i * LINE}">${key}</text>` +
      `<text class="val" x="${left + CARD_WIDTH - 12}" y="${top + 44 + i * LINE}" text-anchor="end">${formatNumber(value)}</text>`,
  );
  return [
    `<g class="node ${kind}">`,
    `<rect x="${left}" y="${top}" width="${CARD_WIDTH}" height="${height}" rx="10"/>`,
    `<text class="name" x="${p.x}" y="${top + 21}" text-anchor="middle">${sub(name)}</text>`,
    ...lines,
    '</g>',
  ].join('');
}

function cardHeight(rows: number): number {
  return 32 + rows * LINE + 6;
}

/** SVG subscript of a name: w5 → w₅ as a tspan, o1 → o₁. */
function sub(name: string): string {
  const match = /^([a-zA-Z]+)_?(\w*?\d+)$/.exec(name);
  if (match === null) return name;
  return `${match[1]}<tspan class="sub" dy="4">${match[2]}</tspan><tspan dy="-4"></tspan>`;
}
