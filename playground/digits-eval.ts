/** Test-set accuracy, loss and the current mistakes of the digit network. */
import type { Matrix, Mlp } from '../src/index.js';
import { PIXELS, type Digits } from './digits-data.js';
import type { Mistake } from './protocol.js';

/** How many mistakes the grid shows. */
export const MISTAKES_SHOWN = 24;

/** Index of the largest value in row `r` of `m`. */
export function argmaxRow(m: Matrix, r: number): number {
  let best = 0;
  for (let c = 1; c < m.cols; c++) if (m.data[r * m.cols + c]! > m.data[r * m.cols + best]!) best = c;
  return best;
}

/** Accuracy, mean half-sum-of-squares loss and the first mistakes on the test digits. */
export function evaluateDigits(model: Mlp, test: { x: Matrix; y: Matrix }, digits: Digits): { accuracy: number; loss: number; mistakes: Mistake[] } {
  const out = model.predict(test.x);
  let correct = 0;
  let lossSum = 0;
  const mistakes: Mistake[] = [];
  for (let r = 0; r < out.rows; r++) {
    for (let c = 0; c < out.cols; c++) lossSum += 0.5 * (out.data[r * out.cols + c]! - test.y.data[r * out.cols + c]!) ** 2;
    const predicted = argmaxRow(out, r);
    const label = digits.labels[r]!;
    if (predicted === label) correct++;
    else if (mistakes.length < MISTAKES_SHOWN) mistakes.push({ pixels: digits.pixels.slice(r * PIXELS, (r + 1) * PIXELS), label, predicted });
  }
  return { accuracy: correct / out.rows, loss: lossSum / out.rows, mistakes };
}
