/**
 * `--max-memory`: the memory budget every size from outside is checked against. The default is
 * half of the machine's memory (or of the container's limit, when one is set); under an
 * address-space limit (`ulimit -v`) half of what that limit leaves after the WebAssembly
 * engine's reservations, when that is smaller, and at least 256 MB.
 */
import { availableParallelism, freemem, totalmem } from 'node:os';
import { formatBytes, setMemoryBudget } from '../errors/limits.js';
import { addressSpaceLeft, addressSpaceLimit, engineUnderLimit, type EnginePlan } from './address-space.js';
import { UsageError } from './errors.js';

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/** The smallest default budget under an address-space limit: 256 MB. */
export const LEAST_LIMITED_BUDGET = 256e6;

/** Parses `4GB`, `512MB`, `1.5G`, `2GiB` or a number of bytes. */
export function parseMemorySize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match === null ? undefined : UNITS[match[2]!.toLowerCase()];
  const bytes = match === null || unit === undefined ? NaN : Number(match[1]) * unit;
  if (!Number.isFinite(bytes) || bytes < 1e6) throw new UsageError(`--max-memory must be a size of at least 1MB such as 512MB, 4GB or 2GiB, got "${text}"`);
  return bytes;
}

/** What the default budget is made from, all in bytes. */
export interface MemoryFacts {
  /** The machine's memory (os.totalmem). */
  readonly total: number;
  /** Memory free now (os.freemem). */
  readonly free: number;
  /** The container's (cgroup's) limit, when one is set. */
  readonly constrained?: number | undefined;
  /** The address-space limit (ulimit -v), when one is set. */
  readonly addressSpace?: number | undefined;
  /** The wasm engine sized for that limit (engineUnderLimit), whose reservations come off it. */
  readonly engine?: EnginePlan | undefined;
}

/** This process's memory facts; `engine` defaults to the plan for this machine's cores (none when the limit cannot hold one). */
export function machineMemory(engine?: EnginePlan): MemoryFacts {
  const constrained = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
  const addressSpace = addressSpaceLimit();
  let plan = engine;
  if (plan === undefined && addressSpace !== undefined) {
    try {
      plan = engineUnderLimit(availableParallelism(), addressSpace);
    } catch {
      plan = undefined; // the engine does not fit at all; the command says so when it starts it
    }
  }
  return { total: totalmem(), free: freemem(), constrained, addressSpace, engine: plan };
}

/** Half of the machine's memory (or of the cgroup limit when that is smaller). */
function machineBudget(facts: MemoryFacts): number {
  const { constrained, total } = facts;
  const memory = constrained !== undefined && constrained > 0 && constrained < total ? constrained : total;
  return Math.max(Math.floor(memory / 2), Math.min(facts.free, 256e6));
}

/** Half of what the address-space limit leaves after the engine's reservations, at least 256 MB; undefined without a limit. */
function addressSpaceBudget(facts: MemoryFacts): number | undefined {
  if (facts.addressSpace === undefined) return undefined;
  return Math.max(LEAST_LIMITED_BUDGET, Math.floor(addressSpaceLeft(facts.addressSpace, facts.engine) / 2));
}

/**
 * The default budget: half of the machine's (or the container's) memory; under an address-space
 * limit at most half of what the limit leaves after the engine (see addressSpaceLeft), and at
 * least 256 MB there. So `ulimit -v 4194304` gives 256 MB, and sizes above it are refused with a
 * ResourceLimitError instead of failing to allocate (or the process being killed).
 */
export function defaultMemoryBudget(facts: MemoryFacts = machineMemory()): number {
  const machine = machineBudget(facts);
  const limited = addressSpaceBudget(facts);
  return limited === undefined ? machine : Math.min(machine, limited);
}

/** Installs the budget of `--max-memory` (or the default, for the engine `engine` when one is sized for a limit); returns it. */
export function applyMemoryFlag(text: string | undefined, engine?: EnginePlan): number {
  const bytes = text === undefined ? defaultMemoryBudget(machineMemory(engine)) : parseMemorySize(text);
  setMemoryBudget(bytes);
  return bytes;
}

/** "8.2 GB, half of this machine's memory" for help texts. */
export function describeDefaultBudget(facts: MemoryFacts = machineMemory()): string {
  const budget = defaultMemoryBudget(facts);
  const why = budget === addressSpaceBudget(facts) ? "half of what the address-space limit (ulimit -v) leaves after the WebAssembly engine, at least 256 MB" : "half of this machine's memory";
  return `${formatBytes(budget)}, ${why}`;
}
