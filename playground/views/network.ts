/**
 * The network diagram: one small heat map per neuron (its own output over the square) and
 * edges whose colour gives a weight's sign and whose width gives its size. The input column
 * lists every feature as a toggle (on: fed to the network, with its edges). Above the hidden
 * columns sit the layer editor (+/- layers, +/- neurons) and each layer's activation; below
 * every layer its gradient norm and share of dead or saturated units. DOM is rebuilt only when
 * the shape changes.
 */
import type { Matrix, Mlp } from '../../src/index.js';
import { FEATURES, FEATURE_NAMES, type FeatureName } from '../features.js';
import type { LayerStats } from '../layer-stats.js';
import { HIDDEN_ACTIVATIONS, MAX_LAYERS, MAX_NEURONS, type HiddenActivation } from '../state.js';
import { divergingCss } from './colors.js';
import { paintHeatmap, scaleFor } from './heatmap.js';

const COLUMN = 118;
const LEFT = 64;
const TOP = 92;
const SVG_NS = 'http://www.w3.org/2000/svg';

/** The architecture the diagram shows. */
export interface NetworkShape {
  readonly features: readonly FeatureName[];
  readonly hidden: readonly number[];
  readonly activations: readonly HiddenActivation[];
}

/** What the diagram's own controls change. */
export interface NetworkEdits {
  onHidden(hidden: number[]): void;
  onFeatures(features: FeatureName[]): void;
  onActivation(layer: number, activation: HiddenActivation): void;
}

/** A mounted diagram. */
export interface NetworkView {
  /** Repaints neurons and edges from a model and its activations over the grid (gridSize² rows each). */
  draw(model: Mlp, activations: readonly Matrix[], gridSize: number): void;
  /** Shows each layer's gradient norm and flat units (one entry per layer, output included). */
  showStats(stats: readonly LayerStats[] | undefined): void;
}

/**
 * Builds the diagram in `host`. `featureGrid`: every feature over the grid (gridSize² x 7, in
 * FEATURE_NAMES order), for the input heat maps.
 */
export function mountNetwork(host: HTMLElement, shape: NetworkShape, featureGrid: Matrix, gridSize: number, edits: NetworkEdits): NetworkView {
  host.replaceChildren();
  const sizes = [shape.features.length, ...shape.hidden, 1];
  const rows = Math.max(FEATURE_NAMES.length, ...sizes);
  const crowded = rows > 8;
  const NODE = crowded ? 30 : 40;
  const ROW = crowded ? 36 : 52;
  const width = LEFT + COLUMN * (sizes.length - 1) + NODE + 40;
  const statsTop = TOP + ROW * rows + 4;
  const height = statsTop + 40;
  host.style.width = `${width}px`;
  host.style.height = `${height}px`;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('aria-hidden', 'true');
  host.append(svg, editor(shape, edits));
  const xOf = (layer: number) => LEFT + layer * COLUMN;
  const yOf = (layer: number, unit: number) => {
    if (layer === 0) return TOP + FEATURE_NAMES.indexOf(shape.features[unit]!) * ROW + ((rows - FEATURE_NAMES.length) * ROW) / 2;
    return TOP + unit * ROW + ((rows - sizes[layer]!) * ROW) / 2;
  };
  const edges: SVGPathElement[][] = [];
  for (let l = 1; l < sizes.length; l++) {
    const layerEdges: SVGPathElement[] = [];
    for (let i = 0; i < sizes[l - 1]!; i++) {
      for (let j = 0; j < sizes[l]!; j++) {
        const [x1, y1, x2, y2] = [xOf(l - 1) + NODE, yOf(l - 1, i) + NODE / 2, xOf(l), yOf(l, j) + NODE / 2];
        const path = document.createElementNS(SVG_NS, 'path');
        path.setAttribute('d', `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`);
        path.setAttribute('fill', 'none');
        svg.append(path);
        layerEdges.push(path);
      }
    }
    edges.push(layerEdges);
  }
  FEATURE_NAMES.forEach((name, row) => host.append(featureToggle(name, shape.features, edits, { x: xOf(0), y: TOP + row * ROW + ((rows - FEATURE_NAMES.length) * ROW) / 2, node: NODE }, featureGrid, gridSize)));
  const canvases = sizes.slice(1).map((n, l) =>
    Array.from({ length: n }, (_, unit) => {
      const canvas = document.createElement('canvas');
      canvas.width = NODE;
      canvas.height = NODE;
      canvas.className = l === sizes.length - 2 ? 'neuron out-node' : 'neuron';
      canvas.dataset.layer = String(l + 1);
      canvas.dataset.unit = String(unit);
      canvas.style.left = `${xOf(l + 1)}px`;
      canvas.style.top = `${yOf(l + 1, unit)}px`;
      host.append(canvas);
      return canvas;
    }),
  );
  const statCells = sizes.slice(1).map((_, l) => {
    const cell = document.createElement('div');
    cell.className = 'layer-stats';
    cell.dataset.layer = String(l + 1);
    cell.style.left = `${xOf(l + 1) - 30}px`;
    cell.style.top = `${statsTop}px`;
    host.append(cell);
    return cell;
  });
  return {
    draw(model, activations, size) {
      model.layers.forEach((layer, l) => {
        const values = activations[l]!;
        canvases[l]!.forEach((canvas, unit) => paintHeatmap(canvas, values, unit, size, scaleFor(values, unit, layer.activation)));
        edges[l]!.forEach((path, k) => {
          const w = layer.W.data[k]!;
          path.setAttribute('stroke', divergingCss(Math.sign(w) * Math.min(1, 0.35 + Math.abs(w))));
          path.setAttribute('stroke-width', String(Math.min(4, 0.3 + 1.1 * Math.abs(w))));
          path.setAttribute('opacity', String(Math.min(0.9, 0.2 + 0.6 * Math.abs(w))));
        });
      });
    },
    showStats(stats) {
      statCells.forEach((cell, l) => {
        const s = stats?.[l];
        if (s === undefined) return cell.replaceChildren();
        const units = sizes[l + 1]!;
        const flat = s.flat === null ? '' : `${Math.round(s.flatShare * units)}/${units} ${s.flat}`;
        cell.classList.toggle('warn', s.flat !== null && s.flatShare > 0.5);
        cell.innerHTML = `<span title="norm of ∂loss/∂W over the training set">‖∇W‖ ${formatNorm(s.gradientNorm)}</span><span class="flat">${flat}</span>`;
      });
    },
  };
}

function formatNorm(value: number): string {
  return value === 0 ? '0' : value >= 0.01 && value < 1000 ? value.toPrecision(2) : value.toExponential(1);
}

/** One feature as a toggle button with its heat map; on features feed the network. */
function featureToggle(name: FeatureName, selected: readonly FeatureName[], edits: NetworkEdits, at: { x: number; y: number; node: number }, grid: Matrix, gridSize: number): HTMLElement {
  const on = selected.includes(name);
  const button = document.createElement('button');
  button.className = on ? 'feature on' : 'feature';
  button.dataset.feature = name;
  button.setAttribute('aria-pressed', String(on));
  button.setAttribute('aria-label', `Input feature ${FEATURES[name].label}`);
  button.title = on ? `${FEATURES[name].label} is an input: click to remove it` : `click to feed ${FEATURES[name].label} to the network`;
  button.style.left = `${at.x - LEFT + 4}px`;
  button.style.top = `${at.y}px`;
  const label = document.createElement('span');
  label.textContent = FEATURES[name].label;
  const canvas = document.createElement('canvas');
  canvas.width = at.node;
  canvas.height = at.node;
  canvas.style.width = `${at.node}px`;
  canvas.style.height = `${at.node}px`;
  paintHeatmap(canvas, grid, FEATURE_NAMES.indexOf(name), gridSize, (v) => v);
  button.append(label, canvas);
  button.addEventListener('click', () => {
    const next = on ? selected.filter((f) => f !== name) : FEATURE_NAMES.filter((f) => f === name || selected.includes(f));
    if (next.length > 0) edits.onFeatures(next);
  });
  return button;
}

/** The +/- buttons (layers, neurons per layer) and one activation menu per hidden layer. */
function editor(shape: NetworkShape, edits: NetworkEdits): HTMLElement {
  const { hidden } = shape;
  const bar = document.createElement('div');
  bar.className = 'layer-editor';
  const button = (text: string, label: string, left: number, top: number, action: () => number[] | undefined) => {
    const b = document.createElement('button');
    b.textContent = text;
    b.title = label;
    b.setAttribute('aria-label', label);
    b.className = 'mini';
    b.style.left = `${left}px`;
    b.style.top = `${top}px`;
    b.addEventListener('click', () => {
      const next = action();
      if (next !== undefined) edits.onHidden(next);
    });
    bar.append(b);
  };
  button('+', 'Add a hidden layer', LEFT, 0, () => (hidden.length < MAX_LAYERS ? [...hidden, 2] : undefined));
  button('−', 'Remove the last hidden layer', LEFT + 26, 0, () => (hidden.length > 0 ? hidden.slice(0, -1) : undefined));
  const count = document.createElement('span');
  count.className = 'layer-count';
  count.style.left = `${LEFT + 56}px`;
  count.textContent = `${hidden.length} hidden layer${hidden.length === 1 ? '' : 's'}`;
  bar.append(count);
  hidden.forEach((n, l) => {
    const left = LEFT + (l + 1) * COLUMN - 6;
    button('+', `One more neuron in layer ${l + 1}`, left, 30, () => (n < MAX_NEURONS ? hidden.map((m, k) => (k === l ? m + 1 : m)) : undefined));
    button('−', `One neuron fewer in layer ${l + 1}`, left + 26, 30, () => (n > 1 ? hidden.map((m, k) => (k === l ? m - 1 : m)) : undefined));
    const select = document.createElement('select');
    select.className = 'layer-activation';
    select.dataset.layer = String(l + 1);
    select.setAttribute('aria-label', `Activation of hidden layer ${l + 1}`);
    for (const name of HIDDEN_ACTIVATIONS) select.append(new Option(name, name));
    select.value = shape.activations[l]!;
    select.style.left = `${left - 16}px`;
    select.style.top = '58px';
    select.addEventListener('change', () => edits.onActivation(l, select.value as HiddenActivation));
    bar.append(select);
  });
  return bar;
}
