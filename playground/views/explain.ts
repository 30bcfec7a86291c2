/**
 * The step-by-step panel: the explain module's derivation of one gradient-descent step, walked
 * one chain-rule factor at a time (forward, error, deltas, gradients, updates), each step
 * highlighting its neurons and weights on a small diagram.
 */
import { formatNumber as f, type Derivation, type Factor } from '../explain-source.js';

/** One stop of the walk: a title, the lines of maths, and the names to highlight. */
export interface ExplainStep {
  readonly phase: 'forward' | 'error' | 'backward' | 'gradient' | 'update';
  readonly title: string;
  readonly lines: readonly string[];
  readonly highlight: readonly string[];
}

const product = (factors: readonly Factor[]) =>
  `${factors.map((k) => `∂${k.of}/∂${k.wrt}`).join(' · ')} = ${factors.map((k) => f(k.value)).join(' × ')}`;

/** The walk through a derivation, in the walkthrough's order. */
export function explainSteps(d: Derivation): ExplainStep[] {
  const steps: ExplainStep[] = [];
  for (const layer of d.neurons) {
    for (const n of layer) {
      const inputs = Object.entries(d.connections).filter(([, [, to]]) => to === n.name).flatMap(([w, [from]]) => [w, from]);
      steps.push({ phase: 'forward', title: `Forward: neuron ${n.name}`, lines: [`net_${n.name} = ${n.netFormula} = ${f(n.net)}`, `out_${n.name} = ${n.outFormula} = ${f(n.out)}`], highlight: [n.name, ...inputs] });
    }
  }
  steps.push({
    phase: 'error',
    title: 'Total error',
    lines: [...d.outputErrors.map((e) => `${e.name} = ${e.formula} = ${f(e.value)}`), `E_total = ${d.outputErrors.map((e) => e.name).join(' + ')} = ${f(d.totalError)}`],
    highlight: d.outputErrors.map((e) => e.name.replace(/^E_/, '')),
  });
  for (const layer of [...d.deltas].reverse()) {
    for (const delta of layer) {
      const factors = [delta.dOut, ...(delta.dOutDNet === null ? [] : [delta.dOutDNet])];
      const lines = [`δ_${delta.neuron} = ∂E_total/∂net_${delta.neuron} = ${delta.formula}`];
      if (delta.dOutTerms !== null) lines.push(`∂E_total/∂out_${delta.neuron} = Σ ${delta.dOutTerms.map((t) => t.map((k) => f(k.value)).join('·')).join(' + ')} = ${f(delta.dOut.value)}`);
      lines.push(`= ${factors.map((k) => f(k.value)).join(' × ')} = ${f(delta.value)}`);
      steps.push({ phase: 'backward', title: `Backward: δ of ${delta.neuron}`, lines, highlight: [delta.neuron] });
    }
  }
  for (const g of d.gradients) {
    const lines = g.products.map((p) => product(p));
    lines.push(`∂E_total/∂${g.parameter} = ${f(g.value)}`);
    steps.push({ phase: 'gradient', title: `Gradient of ${g.parameter}`, lines, highlight: [g.parameter, ...(d.connections[g.parameter] ?? [])] });
  }
  for (const u of d.updates) {
    steps.push({
      phase: 'update',
      title: `Update ${u.parameter}`,
      lines: [`${u.parameter}⁺ = ${u.parameter} − η · ∂E_total/∂${u.parameter} = ${f(u.before)} − ${f(d.learningRate)} × ${f(u.gradient)} = ${f(u.after)}`],
      highlight: [u.parameter],
    });
  }
  return steps;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Draws the small network with every weight's name and value; names in `highlight` are emphasised. */
export function drawExplainDiagram(svg: SVGSVGElement, d: Derivation, highlight: ReadonlySet<string>): void {
  svg.replaceChildren();
  const width = 520;
  const columns = [Object.keys(d.inputs), ...d.neurons.map((layer) => layer.map((n) => n.name))];
  const tallest = Math.max(...columns.map((c) => c.length));
  const height = 70 + tallest * 90;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const at = new Map<string, { x: number; y: number }>();
  columns.forEach((names, c) =>
    names.forEach((name, r) => at.set(name, { x: 50 + (c * (width - 100)) / (columns.length - 1), y: 50 + r * 90 + ((tallest - names.length) * 90) / 2 })),
  );
  const add = (tag: string, attributes: Record<string, string | number>, text?: string) => {
    const element = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, String(v));
    if (text !== undefined) element.textContent = text;
    svg.append(element);
    return element;
  };
  for (const [w, [from, to]] of Object.entries(d.connections)) {
    const a = at.get(from)!;
    const b = at.get(to)!;
    const on = highlight.has(w);
    add('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: on ? 'edge on' : 'edge' });
    const t = 0.3 + (0.4 * ([...at.keys()].indexOf(to) % 2));
    add('text', { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t - 5, class: on ? 'weight on' : 'weight' }, `${w} ${f(d.weights[w]!)}`);
  }
  for (const [name, { x, y }] of at) {
    const value = d.inputs[name] ?? d.neurons.flat().find((n) => n.name === name)?.out;
    add('circle', { cx: x, cy: y, r: 24, class: highlight.has(name) ? 'node on' : 'node' });
    add('text', { x, y: y - 2, class: 'node-name' }, name);
    if (value !== undefined) add('text', { x, y: y + 12, class: 'node-value' }, f(value).slice(0, 7));
  }
}
