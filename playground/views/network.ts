/**
 * The network diagram: one small heat map per neuron (its own output over the square) and
 * edges whose colour gives a weight's sign and whose width gives its size. The layer editor
 * (+/- layers, +/- neurons) sits above the hidden columns. DOM is rebuilt only when the shape changes.
 */
import type { Matrix, Mlp } from '../../src/index.js';
import { MAX_LAYERS, MAX_NEURONS } from '../state.js';
import { divergingCss } from './colors.js';
import { paintHeatmap, scaleFor } from './heatmap.js';

const COLUMN = 118;
const TOP = 62;
const SVG_NS = 'http://www.w3.org/2000/svg';

/** A mounted diagram; `draw` repaints it from a model and its activations over the grid. */
export interface NetworkView {
  draw(model: Mlp, inputs: Matrix, activations: readonly Matrix[], gridSize: number): void;
}

/** Builds the diagram for `sizes` in `host`; `onEdit` receives new hidden sizes from the editor. */
export function mountNetwork(host: HTMLElement, sizes: readonly number[], onEdit: (hidden: number[]) => void): NetworkView {
  host.replaceChildren();
  const hidden = sizes.slice(1, -1);
  const crowded = Math.max(...sizes) > 8;
  const NODE = crowded ? 30 : 40;
  const ROW = crowded ? 36 : 52;
  const width = COLUMN * (sizes.length - 1) + NODE + 40;
  const height = TOP + ROW * Math.max(...sizes) + 10;
  host.style.width = `${width}px`;
  host.style.height = `${height}px`;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  host.append(svg, editor(hidden, onEdit));
  const position = (layer: number, unit: number) => ({ x: 20 + layer * COLUMN, y: TOP + unit * ROW + ((Math.max(...sizes) - sizes[layer]!) * ROW) / 2 });
  const edges: SVGPathElement[][] = [];
  for (let l = 1; l < sizes.length; l++) {
    const layerEdges: SVGPathElement[] = [];
    for (let i = 0; i < sizes[l - 1]!; i++) {
      for (let j = 0; j < sizes[l]!; j++) {
        const from = position(l - 1, i);
        const to = position(l, j);
        const path = document.createElementNS(SVG_NS, 'path');
        const [x1, y1, x2, y2] = [from.x + NODE, from.y + NODE / 2, to.x, to.y + NODE / 2];
        path.setAttribute('d', `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`);
        path.setAttribute('fill', 'none');
        svg.append(path);
        layerEdges.push(path);
      }
    }
    edges.push(layerEdges);
  }
  const canvases = sizes.map((n, l) =>
    Array.from({ length: n }, (_, unit) => {
      const canvas = document.createElement('canvas');
      canvas.width = NODE;
      canvas.height = NODE;
      canvas.className = l === 0 ? 'neuron input' : l === sizes.length - 1 ? 'neuron out-node' : 'neuron';
      canvas.dataset.layer = String(l);
      canvas.dataset.unit = String(unit);
      const { x, y } = position(l, unit);
      canvas.style.left = `${x}px`;
      canvas.style.top = `${y}px`;
      host.append(canvas);
      return canvas;
    }),
  );
  ['X₁', 'X₂'].forEach((name, unit) => {
    const label = document.createElement('span');
    label.className = 'input-label';
    label.textContent = name;
    const { y } = position(0, unit);
    label.style.top = `${y + NODE / 2 - 8}px`;
    host.append(label);
  });
  return {
    draw(model, inputs, activations, gridSize) {
      canvases[0]!.forEach((canvas, unit) => paintHeatmap(canvas, inputs, unit, gridSize, (v) => v));
      model.layers.forEach((layer, l) => {
        const values = activations[l]!;
        canvases[l + 1]!.forEach((canvas, unit) => paintHeatmap(canvas, values, unit, gridSize, scaleFor(values, unit, layer.activation)));
        edges[l]!.forEach((path, k) => {
          const w = layer.W.data[k]!;
          path.setAttribute('stroke', divergingCss(Math.sign(w) * Math.min(1, 0.35 + Math.abs(w))));
          path.setAttribute('stroke-width', String(Math.min(4, 0.3 + 1.1 * Math.abs(w))));
          path.setAttribute('opacity', String(Math.min(0.9, 0.2 + 0.6 * Math.abs(w))));
        });
      });
    },
  };
}

/** The +/- buttons: one pair for the number of layers, one pair per hidden layer for its neurons. */
function editor(hidden: readonly number[], onEdit: (hidden: number[]) => void): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'layer-editor';
  const button = (text: string, title: string, left: number, top: number, action: () => number[] | undefined) => {
    const b = document.createElement('button');
    b.textContent = text;
    b.title = title;
    b.className = 'mini';
    b.style.left = `${left}px`;
    b.style.top = `${top}px`;
    b.addEventListener('click', () => {
      const next = action();
      if (next !== undefined) onEdit(next);
    });
    bar.append(b);
  };
  button('+', 'add a hidden layer', 0, 0, () => (hidden.length < MAX_LAYERS ? [...hidden, 2] : undefined));
  button('−', 'remove the last hidden layer', 26, 0, () => (hidden.length > 0 ? hidden.slice(0, -1) : undefined));
  const count = document.createElement('span');
  count.className = 'layer-count';
  count.textContent = `${hidden.length} hidden layer${hidden.length === 1 ? '' : 's'}`;
  bar.append(count);
  hidden.forEach((n, l) => {
    const left = 20 + (l + 1) * COLUMN - 6;
    button('+', `one more neuron in layer ${l + 1}`, left, 30, () => (n < MAX_NEURONS ? hidden.map((m, k) => (k === l ? m + 1 : m)) : undefined));
    button('−', `one neuron fewer in layer ${l + 1}`, left + 26, 30, () => (n > 1 ? hidden.map((m, k) => (k === l ? m - 1 : m)) : undefined));
  });
  return bar;
}
