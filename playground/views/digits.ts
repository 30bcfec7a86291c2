/** The digits panel's live numbers and the grid of current test mistakes ("label → guess"). */
import type { Mistake } from '../protocol.js';

/** Paints 28 x 28 bytes (0 = paper) onto a 28 x 28 canvas, ink dark on light. */
export function paintDigit(canvas: HTMLCanvasElement, pixels: Uint8Array): void {
  canvas.width = 28;
  canvas.height = 28;
  const context = canvas.getContext('2d')!;
  const image = new ImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const v = 255 - pixels[i]!;
    image.data.set([v, v, v, 255], 4 * i);
  }
  context.putImageData(image, 0, 0);
}

/** Replaces the mistakes grid. */
export function drawMistakes(host: HTMLElement, mistakes: readonly Mistake[]): void {
  host.replaceChildren(
    ...mistakes.map((m) => {
      const cell = document.createElement('figure');
      const canvas = document.createElement('canvas');
      paintDigit(canvas, m.pixels);
      const caption = document.createElement('figcaption');
      caption.innerHTML = `${m.label} → <b>${m.predicted}</b>`;
      cell.append(canvas, caption);
      return cell;
    }),
  );
}
