/**
 * Running under a small address-space limit (`ulimit -v`, as some containers set): with V8's
 * trap-handler bounds checks, every WebAssembly memory reserves about 10 GB of address space
 * (the kernels', resvg's for the PNG step, Node's own HTTP parser), so a 4 GB limit fails at the
 * first instantiation. Under such a limit the CLI starts itself again with
 * `--disable-wasm-trap-handler`: memories then reserve only their maximum size, at the price of
 * inline bounds checks in the kernels; `engineUnderLimit` then sizes the kernels' memory and the
 * worker threads so that their reservations fit under the limit.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { formatBytes } from '../errors/limits.js';
import { ResourceLimitError } from '../errors/resource-limit-error.js';

const FLAG = '--disable-wasm-trap-handler';
/** Below this limit the trap handler's reservations do not fit (three memories of ~10 GB each, and the heap). */
const NEEDED_WITH_TRAP_HANDLER = 64 * 1024 ** 3;

/** The process's address-space limit in bytes (Linux /proc/self/limits), or undefined when unlimited or unknown. */
export function addressSpaceLimit(limits?: string): number | undefined {
  let text = limits;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return undefined;
    }
  }
  const match = /^Max address space\s+(\S+)/m.exec(text);
  if (match === null || match[1] === 'unlimited') return undefined;
  const bytes = Number(match[1]);
  return Number.isFinite(bytes) ? bytes : undefined;
}

/** Whether this process should restart itself without the trap handler. */
export function needsRelaunch(limit = addressSpaceLimit()): boolean {
  if (limit === undefined || limit >= NEEDED_WITH_TRAP_HANDLER) return false;
  if (process.execArgv.includes(FLAG)) return false;
  return process.allowedNodeEnvironmentFlags.has(FLAG);
}

/** Runs this script again with the flag, the same arguments and streams; resolves with its exit code. */
export function relaunchWithoutTrapHandler(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FLAG, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
    child.on('error', (error) => {
      process.stderr.write(`backprop: cannot restart under the address-space limit: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128 + 9)));
  });
}

/**
 * Address space reserved without the trap handler, measured with the built CLI on Node 20 under
 * `ulimit -v 4194304` (bench: createWasmBackend({ threads, maximumMemory }) until a worker failed
 * "to reserve virtual memory for CodeRange", a fatal error): 2 threads fit beside a 2 GiB memory
 * and 3 do not, 4 beside 1 GiB and 5 do not, 6 beside 16 MiB and 7 do not. So each worker's
 * engine takes about 512 MiB and the main engine 1-1.5 GiB; the main engine is counted as
 * 1.75 GiB here, for the CLI's own memories (resvg's for the PNG step) and a margin.
 */
const MAIN_ENGINE_BYTES = 1.75 * 1024 ** 3;
const WORKER_BYTES = 512 * 1024 ** 2;
/** The kernels' memory: at most 2 GiB (the module's own maximum), at least 256 MiB. */
const MEMORY_MOST = 2 * 1024 ** 3;
const MEMORY_LEAST = 256 * 1024 ** 2;
const PAGE = 65536;

/** The wasm engine that fits under an address-space limit: its thread count and its memory's maximum. */
export interface EnginePlan {
  readonly threads: number;
  /** WasmBackendOptions.maximumMemory: bytes the kernels' memory reserves and may grow to. */
  readonly maximumMemory: number;
}

/**
 * The wasm engine that fits under the limit (undefined when there is none). What the main engine
 * leaves is shared by the workers' engines and the kernels' memory: by default one thread per
 * core as long as the memory keeps at least half of it, then the memory gets the rest (at most
 * 2 GiB). So a 4 GB limit runs 3 threads on a 1.25 GiB memory, or 2 on 1.75 GiB where there are 2
 * cores; a job that needs more memory fails with a message that says how much. With `threads`
 * asked for, the memory gets what they leave. A ResourceLimitError, one line saying how much
 * address space is needed, when the memory would get less than 256 MiB.
 */
export function engineUnderLimit(cores: number, limit = addressSpaceLimit(), threads?: number): EnginePlan | undefined {
  if (limit === undefined || limit >= NEEDED_WITH_TRAP_HANDLER) return undefined;
  const spare = limit - MAIN_ENGINE_BYTES;
  const fit = 1 + Math.max(0, Math.floor((spare - Math.max(MEMORY_LEAST, spare / 2)) / WORKER_BYTES));
  const chosen = threads ?? Math.max(1, Math.min(cores, fit));
  const left = spare - (chosen - 1) * WORKER_BYTES;
  if (left < MEMORY_LEAST) {
    const need = formatBytes(MAIN_ENGINE_BYTES + (chosen - 1) * WORKER_BYTES + MEMORY_LEAST);
    if (chosen === 1 || spare < MEMORY_LEAST) {
      throw new ResourceLimitError(`the WebAssembly engine needs about ${need} of address space, more than the limit (ulimit -v) of ${formatBytes(limit)}`, { requested: MAIN_ENGINE_BYTES + MEMORY_LEAST, limit });
    }
    const most = 1 + Math.floor((spare - MEMORY_LEAST) / WORKER_BYTES);
    throw new ResourceLimitError(`${chosen} threads need about ${need} of address space, more than the limit (ulimit -v) of ${formatBytes(limit)}; at most ${most} fit`, { requested: chosen, limit: most });
  }
  return { threads: chosen, maximumMemory: Math.floor(Math.min(MEMORY_MOST, left) / PAGE) * PAGE };
}

/** Address space V8's trap handler reserves when it is on (three WebAssembly memories of ~10 GB each). */
const TRAP_HANDLER_BYTES = 30 * 1024 ** 3;

/**
 * Bytes of the address-space `limit` left for everything else (data read, models, buffers on the
 * JavaScript heap) once the engine has what it reserves: the main engine, each worker's engine
 * and the kernels' memory of `plan`; without a plan (a limit of 64 GiB or more, the trap handler
 * on), its three ~10 GB reservations. Never below 0. Measured with the built CLI on Node 20 under
 * `ulimit -v 4194304` on 2 cores (plan: 2 threads, 1.75 GiB memory, so 0 left by this count):
 * after the engine started, one typed array of 600 MB could still be allocated and one of 700 MB
 * could not, 640 MB in all; the main engine's 1.75 GiB holds that margin.
 */
export function addressSpaceLeft(limit: number, plan: EnginePlan | undefined): number {
  const reserved = plan === undefined ? TRAP_HANDLER_BYTES : MAIN_ENGINE_BYTES + (plan.threads - 1) * WORKER_BYTES + plan.maximumMemory;
  return Math.max(0, limit - reserved);
}
