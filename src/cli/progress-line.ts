/**
 * A one-line progress counter for long steps that have no per-epoch bars (gradcheck's values,
 * explain's repeated updates): `label: 1,234 of 5,678 unit`, rewritten in place on a terminal
 * at most every 200 ms, and cleared when done reaches the total. Callers pass it only when
 * stderr is a terminal; the first call always draws.
 */
import { formatCount } from '../errors/limits.js';

/** Least milliseconds between two redraws. */
const REDRAW_MS = 200;

/** Least milliseconds a read takes before its progress is shown (quick reads draw nothing). */
const READ_QUIET_MS = 1000;

/**
 * A progress callback `(bytesRead, totalBytes)` for reading a file, drawing `reading FILE: 412 of
 * 2,048 MB` once the read has taken a second, and clearing the line at the end.
 */
export function readProgress(out: NodeJS.WritableStream, file: string): (bytesRead: number, totalBytes: number) => void {
  const start = Date.now();
  const draw = progressLine(out, `reading ${file}`, 'MB');
  let drawn = false;
  return (bytesRead, totalBytes) => {
    if (!drawn && (bytesRead >= totalBytes || Date.now() - start < READ_QUIET_MS)) return;
    drawn = true;
    const total = Math.ceil(totalBytes / 1e6);
    draw(bytesRead >= totalBytes ? total : Math.floor(bytesRead / 1e6), total); // done = total clears the line
  };
}

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
