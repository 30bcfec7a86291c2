/** Small page helpers shared by the panels: a status line, and a model file download. */
import type { ModelJson } from '../../src/index.js';

/** Shows a progress or error line in `element` (an empty text clears it). */
export function showStatus(element: HTMLElement, text: string, isError: boolean): void {
  element.textContent = text;
  element.classList.toggle('error', isError);
}

/** Offers a model file for download under `name`. */
export function downloadModel(model: ModelJson, name: string): void {
  const blob = new Blob([JSON.stringify(model, null, 1) + '\n'], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
