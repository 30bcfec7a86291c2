/**
 * A pad to draw a digit on with the mouse (or a finger), turned into MNIST's format: the
 * stroke's bounding box scaled into 20 x 20, centred by mass in 28 x 28 bytes (0 = paper).
 */

/** A mounted pad; `onChange` receives the 784 bytes after each stroke (all zeros when cleared). */
export function mountDrawingPad(canvas: HTMLCanvasElement, clear: HTMLButtonElement, onChange: (bytes: Uint8Array) => void): void {
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  const wipe = () => {
    context.fillStyle = '#000';
    context.fillRect(0, 0, canvas.width, canvas.height);
  };
  wipe();
  let last: { x: number; y: number } | undefined;
  const point = (event: PointerEvent) => {
    const box = canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * canvas.width, y: ((event.clientY - box.top) / box.height) * canvas.height };
  };
  canvas.addEventListener('pointerdown', (event) => {
    canvas.setPointerCapture(event.pointerId);
    last = point(event);
    stroke(last, last);
  });
  canvas.addEventListener('pointermove', (event) => {
    if (last === undefined) return;
    const next = point(event);
    stroke(last, next);
    last = next;
  });
  const finish = () => {
    if (last === undefined) return;
    last = undefined;
    onChange(toMnist(canvas));
  };
  canvas.addEventListener('pointerup', finish);
  canvas.addEventListener('pointercancel', finish);
  clear.addEventListener('click', () => {
    wipe();
    onChange(new Uint8Array(784));
  });

  function stroke(from: { x: number; y: number }, to: { x: number; y: number }): void {
    context.strokeStyle = '#fff';
    context.lineWidth = canvas.width / 14;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
  }
}

/** The drawing as 28 x 28 bytes, in the way MNIST was prepared. */
export function toMnist(canvas: HTMLCanvasElement): Uint8Array {
  const { width, height } = canvas;
  const source = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, width, height).data;
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (source[4 * (y * width + x)]! > 40) [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
    }
  }
  const bytes = new Uint8Array(784);
  if (right < 0) return bytes;
  const side = Math.max(right - left + 1, bottom - top + 1);
  const small = document.createElement('canvas');
  small.width = 28;
  small.height = 28;
  const context = small.getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = '#000';
  context.fillRect(0, 0, 28, 28);
  const scale = 20 / side;
  const w = (right - left + 1) * scale;
  const h = (bottom - top + 1) * scale;
  context.drawImage(canvas, left, top, right - left + 1, bottom - top + 1, (28 - w) / 2, (28 - h) / 2, w, h);
  const scaled = context.getImageData(0, 0, 28, 28).data;
  let [mass, mx, my] = [0, 0, 0];
  for (let i = 0; i < 784; i++) {
    const v = scaled[4 * i]!;
    mass += v;
    mx += v * (i % 28);
    my += v * Math.floor(i / 28);
  }
  const dx = Math.round(13.5 - mx / Math.max(mass, 1));
  const dy = Math.round(13.5 - my / Math.max(mass, 1));
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const sx = x - dx;
      const sy = y - dy;
      if (sx >= 0 && sx < 28 && sy >= 0 && sy < 28) bytes[y * 28 + x] = scaled[4 * (sy * 28 + sx)]!;
    }
  }
  return bytes;
}

/** Shows the predicted probabilities as ten bars, the winner highlighted. */
export function drawProbabilities(host: HTMLElement, probabilities: readonly number[] | null): void {
  host.replaceChildren();
  const best = probabilities === null ? -1 : probabilities.indexOf(Math.max(...probabilities));
  for (let digit = 0; digit < 10; digit++) {
    const p = probabilities?.[digit] ?? 0;
    const row = document.createElement('div');
    row.className = digit === best ? 'prob best' : 'prob';
    row.innerHTML = `<span class="digit">${digit}</span><span class="bar"><span style="width:${(100 * p).toFixed(1)}%"></span></span><span class="pct">${(100 * p).toFixed(1)}%</span>`;
    host.append(row);
  }
  host.dataset.prediction = best < 0 ? '' : String(best);
}
