/**
 * `--max-memory`: the memory budget every size from outside is checked against. The default is
 * half of the machine's memory (or of the container's limit, when one is set).
 */
import { freemem, totalmem } from 'node:os';
import { formatBytes, setMemoryBudget } from '../errors/limits.js';
import { UsageError } from './errors.js';

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/** Parses `4GB`, `512MB`, `1.5G`, `2GiB` or a number of bytes. */
export function parseMemorySize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match === null ? undefined : UNITS[match[2]!.toLowerCase()];
  const bytes = match === null || unit === undefined ? NaN : Number(match[1]) * unit;
  if (!Number.isFinite(bytes) || bytes < 1e6) throw new UsageError(`--max-memory must be a size of at least 1MB such as 512MB, 4GB or 2GiB, got "${text}"`);
  return bytes;
}

/** Half of the machine's memory, or of the cgroup limit when that is smaller. */
export function defaultMemoryBudget(): number {
  const constrained = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
  const total = constrained !== undefined && constrained > 0 && constrained < totalmem() ? constrained : totalmem();
  return Math.max(Math.floor(total / 2), Math.min(freemem(), 256e6));
}

/** Installs the budget of `--max-memory` (or the default); returns it. */
export function applyMemoryFlag(text: string | undefined): number {
  const bytes = text === undefined ? defaultMemoryBudget() : parseMemorySize(text);
  setMemoryBudget(bytes);
  return bytes;
}

/** "8.2 GB (half of the machine's memory)" for help texts. */
export function describeDefaultBudget(): string {
  return `${formatBytes(defaultMemoryBudget())}, half of this machine's memory`;
}
