/** The form controls: every `[data-setting]` element, the data set picker and the tabs, bound to the settings. */
import { DATASET_NAMES, generatePoints, type DatasetName } from '../datasets-2d.js';
import type { Settings } from '../state.js';
import { drawBoundary } from './decision-boundary.js';

/** Calls `onChange` with the changed settings whenever a control is edited. */
export function bindControls(root: HTMLElement, onChange: (patch: Partial<Settings>) => void): void {
  root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-setting]').forEach((element) => {
    element.addEventListener('change', () => {
      const key = element.dataset.setting as keyof Settings;
      const raw = element.value;
      const value = element.hasAttribute('data-number') ? Number(raw) : raw;
      if (typeof value === 'number' && !Number.isFinite(value)) return;
      onChange({ [key]: value } as Partial<Settings>);
    });
  });
  root.querySelectorAll<HTMLButtonElement>('[data-tab]').forEach((button) =>
    button.addEventListener('click', () => onChange({ tab: button.dataset.tab as Settings['tab'] })),
  );
  const picker = root.querySelector<HTMLElement>('#datasets')!;
  for (const name of DATASET_NAMES) {
    const button = document.createElement('button');
    button.className = 'dataset';
    button.dataset.dataset = name;
    button.title = name;
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 64;
    const { train, test } = generatePoints({ dataset: name, points: 200, noise: 0, trainPercent: 50, seed: 1 });
    const labelScale = name === 'plane' ? (v: number) => v : (v: number) => 2 * v - 1;
    drawBoundary(canvas, { output: null, size: 1, scale: (v) => v, train: [...train, ...test], test: [], showTest: false, labelScale, dotRadius: 1.6 });
    const label = document.createElement('span');
    label.textContent = name;
    button.append(canvas, label);
    button.addEventListener('click', () => onChange({ dataset: name as DatasetName }));
    picker.append(button);
  }
}

/** Puts the settings' values into the controls and marks the chosen tab and data set. */
export function showSettings(root: HTMLElement, settings: Settings): void {
  root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-setting]').forEach((element) => {
    const value = String(settings[element.dataset.setting as keyof Settings]);
    if (element instanceof HTMLSelectElement && ![...element.options].some((o) => o.value === value)) {
      element.append(new Option(value, value));
    }
    element.value = value;
  });
  root.querySelectorAll<HTMLElement>('[data-tab]').forEach((b) => b.classList.toggle('active', b.dataset.tab === settings.tab));
  root.querySelectorAll<HTMLElement>('[data-dataset]').forEach((b) => b.classList.toggle('active', b.dataset.dataset === settings.dataset));
  root.querySelectorAll<HTMLElement>('.panel').forEach((p) => (p.hidden = p.id !== `panel-${settings.tab}`));
  root.querySelector('#noise-value')!.textContent = `${settings.noise}%`;
  root.querySelector('#train-value')!.textContent = `${settings.trainPercent}%`;
  root.querySelector('#shape')!.textContent = `2 → ${settings.hidden.map((n) => `${n} → `).join('')}1`;
}
