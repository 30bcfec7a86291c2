/**
 * A one-line progress counter for long steps that have no per-epoch bars (gradcheck's values,
 * explain's repeated updates): `label: 1,234 of 5,678 unit`, rewritten in place on a terminal
 * at most every 200 ms, and cleared when done reaches the total. Callers pass it only when
 * stderr is a terminal; the first call always draws.
 */
import { formatCount } from '../errors/limits.js';

/** Least milliseconds between two redraws. */
const REDRAW_MS = 200;

/** A progress callback `(done, total)` that draws `label: done of total unit` on `out`. */
export function progressLine(out: NodeJS.WritableStream, label: string, unit: string): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - last < REDRAW_MS) return;
    last = now;
    out.write(done < total ? `\r${label}: ${formatCount(done)} of ${formatCount(total)} ${unit}` : '\r\x1b[K');
  };
}
