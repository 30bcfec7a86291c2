/** Train and test loss curves on a canvas, y from 0 to the largest loss seen, x over all epochs. */

/** Draws both series (same length) with a light grid and the latest values in the legend. */
export function drawLossChart(canvas: HTMLCanvasElement, train: readonly number[], test: readonly number[]): void {
  const context = canvas.getContext('2d')!;
  const { width, height } = canvas;
  context.clearRect(0, 0, width, height);
  const pad = { left: 34, right: 8, top: 8, bottom: 16 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const finite = [...train, ...test].filter(Number.isFinite);
  const top = Math.max(1e-6, ...finite.slice(-4000));
  context.font = '10px system-ui, sans-serif';
  context.fillStyle = '#6a737d';
  context.strokeStyle = '#e1e4e8';
  context.lineWidth = 1;
  for (let k = 0; k <= 4; k++) {
    const y = pad.top + (plotH * k) / 4;
    context.beginPath();
    context.moveTo(pad.left, y);
    context.lineTo(width - pad.right, y);
    context.stroke();
    context.fillText(((top * (4 - k)) / 4).toPrecision(2), 2, y + 3);
  }
  const n = Math.max(train.length, test.length);
  context.fillText(`${n} ${n === 1 ? 'point' : 'points'}`, width - pad.right - 60, height - 3);
  const line = (values: readonly number[], color: string, dash: number[]) => {
    if (values.length === 0) return;
    context.beginPath();
    context.setLineDash(dash);
    context.strokeStyle = color;
    context.lineWidth = 1.6;
    const step = Math.max(1, Math.floor(values.length / plotW));
    for (let i = 0; i < values.length; i += step) {
      const x = pad.left + (values.length === 1 ? 0 : (i / (values.length - 1)) * plotW);
      const y = pad.top + plotH * (1 - Math.min(1, (values[i] ?? 0) / top));
      if (i === 0) context.moveTo(x, y);
      else context.lineTo(x, y);
    }
    context.stroke();
    context.setLineDash([]);
  };
  line(train, '#1b1f23', []);
  line(test, '#0877bd', [4, 3]);
}
