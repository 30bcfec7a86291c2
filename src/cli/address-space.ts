/**
 * Running under a small address-space limit (`ulimit -v`, as some containers set): with V8's
 * trap-handler bounds checks, every WebAssembly memory reserves about 10 GB of address space
 * (the kernels', resvg's for the PNG step, Node's own HTTP parser), so a 4 GB limit fails at the
 * first instantiation. Under such a limit the CLI starts itself again with
 * `--disable-wasm-trap-handler`: memories then reserve only their maximum size (2 GB for the
 * kernels), at the price of inline bounds checks in the kernels.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

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
 * Worker threads that fit under the limit: each worker's engine reserves about 256 MB of address
 * space, the kernels' memory 2 GB and the main engine about 1 GB; undefined when there is no limit.
 */
export function threadsUnderLimit(cores: number, limit = addressSpaceLimit()): number | undefined {
  if (limit === undefined || limit >= NEEDED_WITH_TRAP_HANDLER) return undefined;
  const spare = limit - 3 * 1024 ** 3;
  return Math.max(1, Math.min(cores, Math.floor(spare / (256 * 1024 ** 2))));
}
