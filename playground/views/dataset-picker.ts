/** The data set picker: one button per 2-D data set with a thumbnail of its points. */
import { DATASET_NAMES, generatePoints, type DatasetName } from '../datasets-2d.js';
import { drawBoundary } from './decision-boundary.js';

/** Fills `host` with the buttons; returns the function that marks the chosen one. */
export function mountDatasetPicker(host: HTMLElement, onPick: (name: DatasetName) => void): (chosen: DatasetName) => void {
  for (const name of DATASET_NAMES) {
    const button = document.createElement('button');
    button.className = 'dataset';
    button.dataset.dataset = name;
    button.title = name;
    button.setAttribute('aria-label', `Data set: ${name}`);
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 64;
    canvas.setAttribute('aria-hidden', 'true');
    const { train, test } = generatePoints({ dataset: name, points: 200, noise: 0, trainPercent: 50, seed: 1 });
    const labelScale = name === 'plane' ? (v: number) => v : (v: number) => 2 * v - 1;
    drawBoundary(canvas, { output: null, size: 1, scale: (v) => v, train: [...train, ...test], test: [], showTest: false, labelScale, dotRadius: 1.6 });
    const label = document.createElement('span');
    label.textContent = name;
    button.append(canvas, label);
    button.addEventListener('click', () => onPick(name));
    host.append(button);
  }
  return (chosen) =>
    host.querySelectorAll<HTMLElement>('[data-dataset]').forEach((b) => {
      b.classList.toggle('active', b.dataset.dataset === chosen);
      b.setAttribute('aria-pressed', String(b.dataset.dataset === chosen));
    });
}
