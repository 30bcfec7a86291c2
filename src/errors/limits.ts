/**
 * Limits checked before allocating: one memory budget for every size that comes from outside
 * (rows × columns, IDX dimensions, layer sizes, decompressed bytes), and helpers that keep
 * messages one readable line (sizes in MB/GB, long lists cut to the first ten names).
 */
import { ResourceLimitError } from './resource-limit-error.js';

/** The library's budget when nobody set one: 4 GiB (the CLI sets a share of the machine's memory). */
export const DEFAULT_MEMORY_BUDGET = 4 * 1024 ** 3;

let budget = DEFAULT_MEMORY_BUDGET;

/** The current memory budget in bytes: the most one input, model or buffer may ask for. */
export function memoryBudget(): number {
  return budget;
}

/** Sets the memory budget in bytes (a positive finite number); returns the previous one. */
export function setMemoryBudget(bytes: number): number {
  if (!Number.isFinite(bytes) || bytes <= 0) throw new RangeError(`memory budget must be a positive number of bytes, got ${bytes}`);
  const previous = budget;
  budget = bytes;
  return previous;
}

/**
 * `1,234,567`: a whole number (rounded) with thousands separators, as toLocaleString('en-US')
 * writes it, without starting ICU's number formatting (about 30 ms on its first use here).
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const digits = String(Math.abs(Math.round(n)));
  return (n < 0 && digits !== '0' ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1.5 GB`, `12.0 MB`, `512 bytes`: decimal units, as people read sizes. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} bytes`;
  if (bytes >= 1e12) return `${(bytes / 1e12).toFixed(1)} TB`;
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

/**
 * Throws ResourceLimitError when `bytes` (what `what` would allocate) is over the budget or not
 * a finite size. `what` names the thing: "a 100000000-unit layer (layers[0])", "data of 1e9 rows × 20 columns".
 */
export function checkAllocation(what: string, bytes: number, limit = budget): void {
  if (Number.isFinite(bytes) && bytes <= limit) return;
  throw new ResourceLimitError(
    `${what} needs ${formatBytes(bytes)}, more than the memory limit of ${formatBytes(limit)} (raise it with --max-memory or setMemoryBudget)`,
    { requested: bytes, limit },
  );
}

/** The first `max` names joined by ", ", then "… and N more" when there are more. */
export function cutList(names: readonly string[], max = 10, separator = ', '): string {
  if (names.length <= max) return names.join(separator);
  return `${names.slice(0, max).join(separator)}${separator}… and ${names.length - max} more`;
}
