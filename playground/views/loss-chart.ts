/**
 * Train and test loss curves on a canvas, one point per epoch (or per evaluation): x from 0 to
 * the latest point with round ticks, y linear from 0 or logarithmic over the decades the losses
 * span, so that a loss falling from 0.7 to 0.001 stays readable.
 */

/** How the chart is drawn. */
export interface LossChartOptions {
  /** Logarithmic y axis (default false). */
  readonly log?: boolean;
  /** What one point is worth on the x axis, and its unit (default 1 'epoch'). */
  readonly xStep?: number;
  readonly xUnit?: string;
}

const PAD = { left: 40, right: 10, top: 8, bottom: 26 } as const;

/** Draws both series (same length) with a light grid, axis ticks and the x axis' unit. */
export function drawLossChart(canvas: HTMLCanvasElement, train: readonly number[], test: readonly number[], options: LossChartOptions = {}): void {
  const context = canvas.getContext('2d')!;
  const { width, height } = canvas;
  context.clearRect(0, 0, width, height);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const finite = [...train, ...test].filter((v) => Number.isFinite(v));
  const log = options.log === true;
  const positive = finite.filter((v) => v > 0);
  const high = Math.max(1e-6, ...finite);
  const yStep = niceCeil(high / 4);
  const yTop = log ? 10 ** Math.ceil(Math.log10(high)) : yStep * Math.ceil(high / yStep - 1e-9);
  const yBottom = log ? 10 ** Math.floor(Math.log10(Math.min(yTop / 10, ...positive))) : 0;
  const yOf = (v: number) => {
    const t = log ? (Math.log10(Math.max(v, yBottom)) - Math.log10(yBottom)) / (Math.log10(yTop) - Math.log10(yBottom)) : v / yTop;
    return PAD.top + plotH * (1 - Math.max(0, Math.min(1, t)));
  };
  context.font = '10px system-ui, sans-serif';
  context.fillStyle = '#586069';
  context.strokeStyle = '#e1e4e8';
  context.lineWidth = 1;
  const yTicks = log ? decades(yBottom, yTop) : Array.from({ length: Math.round(yTop / yStep) + 1 }, (_, k) => k * yStep);
  for (const value of yTicks) {
    const y = yOf(value);
    context.beginPath();
    context.moveTo(PAD.left, y);
    context.lineTo(width - PAD.right, y);
    context.stroke();
    context.fillText(log ? value.toExponential(0) : String(Number(value.toPrecision(3))), 2, y + 3);
  }
  const n = Math.max(train.length, test.length);
  const step = options.xStep ?? 1;
  const last = Math.max(1, (n - 1) * step);
  const xOf = (index: number) => PAD.left + ((index * step) / last) * plotW;
  const xTick = niceStep(last / 5);
  context.textAlign = 'center';
  for (let value = 0; value <= last + 1e-9; value += xTick) {
    const x = PAD.left + (value / last) * plotW;
    context.fillText(value.toLocaleString('en'), x, height - 14);
  }
  context.textAlign = 'right';
  context.fillText(options.xUnit ?? 'epoch', width - PAD.right, height - 2);
  context.textAlign = 'left';
  const line = (values: readonly number[], color: string, dash: number[]) => {
    if (values.length === 0) return;
    context.beginPath();
    context.setLineDash(dash);
    context.strokeStyle = color;
    context.lineWidth = 1.6;
    const every = Math.max(1, Math.floor(values.length / plotW));
    let started = false;
    for (let i = 0; i < values.length; i += every) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      if (started) context.lineTo(xOf(i), yOf(v));
      else context.moveTo(xOf(i), yOf(v));
      started = true;
    }
    context.stroke();
    context.setLineDash([]);
  };
  line(train, '#1b1f23', []);
  line(test, '#0877bd', [4, 3]);
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above `value`. */
function niceCeil(value: number): number {
  const base = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map((m) => m * base).find((v) => v >= value * (1 - 1e-9))!;
}

/** A round tick spacing (1, 2 or 5 × 10^k, at least 1) near `raw`. */
function niceStep(raw: number): number {
  if (raw <= 1) return 1;
  const base = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * base).find((v) => v >= raw)!;
}

/** Powers of ten from `low` to `high`. */
function decades(low: number, high: number): number[] {
  const out: number[] = [];
  for (let e = Math.round(Math.log10(low)); e <= Math.round(Math.log10(high)); e++) out.push(10 ** e);
  return out;
}
