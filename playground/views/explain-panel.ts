/** The step-by-step panel's controls: which network, the position in the walk, and the rendering of one step. */
import { explain, formatNumber, isExplainable, type Derivation } from '../explain-source.js';
import type { Settings } from '../state.js';
import { drawExplainDiagram, explainSteps, type ExplainStep } from './explain.js';

/** A mounted panel; `refresh` recomputes the derivation when the playground's network changed. */
export interface ExplainPanel {
  refresh(): void;
}

/** Wires the panel inside `root`; `settings` gives the playground's current network. */
export function mountExplainPanel(root: HTMLElement, settings: () => Settings): ExplainPanel {
  const source = root.querySelector<HTMLSelectElement>('#explain-source')!;
  const svg = root.querySelector<SVGSVGElement>('#explain-diagram')!;
  const list = root.querySelector<HTMLOListElement>('#explain-list')!;
  let derivation: Derivation;
  let steps: ExplainStep[] = [];
  let at = 0;
  let key = '';

  const compute = () => {
    const s = settings();
    const sizes = [2, ...s.hidden, 1];
    const useEditor = source.value === 'editor' && isExplainable(sizes);
    const nextKey = useEditor ? `${sizes.join('-')}/${s.activation}/${s.seed}` : 'classic';
    if (nextKey === key) return;
    key = nextKey;
    derivation = useEditor
      ? explain({ sizes, activation: s.activation, outputActivation: 'sigmoid', seed: s.seed, inputs: [0.5, -0.25], targets: [1], learningRate: 0.5 })
      : explain();
    steps = explainSteps(derivation);
    at = Math.min(at, steps.length - 1);
    list.replaceChildren(
      ...steps.map((step, i) => {
        const item = document.createElement('li');
        item.textContent = step.title;
        item.className = step.phase;
        item.addEventListener('click', () => show(i));
        return item;
      }),
    );
    root.querySelector('#total-error')!.textContent = formatNumber(derivation.totalError);
    show(at);
  };

  const show = (index: number) => {
    at = Math.max(0, Math.min(steps.length - 1, index));
    const step = steps[at]!;
    drawExplainDiagram(svg, derivation, new Set(step.highlight));
    const box = root.querySelector<HTMLElement>('#explain-step')!;
    box.className = `explain-step ${step.phase}`;
    box.replaceChildren();
    const title = document.createElement('h2');
    title.textContent = `${at + 1}. ${step.title}`;
    box.append(title, ...step.lines.map((line) => Object.assign(document.createElement('code'), { textContent: line })));
    root.querySelector('#explain-position')!.textContent = `step ${at + 1} of ${steps.length}`;
    [...list.children].forEach((item, i) => item.classList.toggle('current', i === at));
  };

  const moves: Record<string, () => number> = { first: () => 0, prev: () => at - 1, next: () => at + 1, last: () => steps.length - 1 };
  root.querySelectorAll<HTMLButtonElement>('[data-explain]').forEach((button) => button.addEventListener('click', () => show(moves[button.dataset.explain!]!())));
  source.addEventListener('change', () => compute());
  compute();
  return { refresh: compute };
}
