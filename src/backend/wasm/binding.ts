/**
 * The kernel module's binding: which of the four builds (kernels.generated.ts: SIMD128 or relaxed
 * SIMD, private or shared memory) this engine runs, the memory it gets, and the synchronous or
 * asynchronous compile and instantiation. What the module exports is `Kernels`.
 */
import { UsageError } from '../../errors/usage-error.js';
import { KERNEL_BUILDS } from '../kernels.generated.js';
import { createMemory, MAXIMUM_MEMORY_BYTES, PAGE_BYTES } from './memory.js';
import { defaultThreadCount } from './threads.js';
import { ResourceLimitError } from '../../errors/resource-limit-error.js';

/** The kernel module's exports (kernels/index.ts): byte offsets and sizes in, nothing allocated. */
export interface Kernels {
  heapBase(): number;
  gemmScratchBytes(): number;
  gemm(...args: number[]): void;
  denseForward(...args: number[]): void;
  updateForward(...args: number[]): void;
  runJob(job: number): void;
  activationRows(...args: number[]): void;
  activationBackward(...args: number[]): void;
  softmaxRows(...args: number[]): void;
  lossValue(...args: number[]): number;
  lossGradient(...args: number[]): void;
  fusedOutputGradient(...args: number[]): void;
  sumColumns(...args: number[]): void;
  sgdUpdate(...args: number[]): void;
  momentumUpdate(...args: number[]): void;
  adamUpdate(...args: number[]): void;
  gatherRows(...args: number[]): void;
  gatherRowsU8(...args: number[]): void;
}

/** What the binding chose: the module's bytes, its memory, and the threads and build it runs. */
export interface BuildChoice {
  readonly build: string;
  readonly memory: WebAssembly.Memory;
  /** True if the memory is shared (worker threads possible). */
  readonly shared: boolean;
  readonly relaxed: boolean;
  /** Threads asked for (or the default), checked against `maximumThreads`. */
  readonly threads: number;
  /** The memory's maximum in bytes (whole pages). */
  readonly maximumMemory: number;
}

/** A compiled, instantiated kernel module with the choice it came from. */
export interface BoundKernels extends BuildChoice {
  readonly kernels: Kernels;
  readonly module: WebAssembly.Module;
}

/** Pages (64 KiB) the memory starts with (fewer when its maximum is smaller). */
const INITIAL_PAGES = 256;
/** The smallest maximumMemory: the initial pages. */
const MINIMUM_MEMORY_BYTES = INITIAL_PAGES * PAGE_BYTES;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

let validated: { simd: boolean; relaxed: boolean } | undefined;
function support(): { simd: boolean; relaxed: boolean } {
  validated ??= {
    simd: typeof WebAssembly === 'object' && WebAssembly.validate(decode(KERNEL_BUILDS.simd)),
    relaxed: typeof WebAssembly === 'object' && WebAssembly.validate(decode(KERNEL_BUILDS.relaxed)),
  };
  return validated;
}

/** True if this engine runs WebAssembly SIMD128 (the wasm backend's requirement). */
export function wasmSimdSupported(): boolean {
  return support().simd;
}

/** True if this engine runs relaxed SIMD (Node 20: only under --experimental-wasm-relaxed-simd). */
export function relaxedSimdSupported(): boolean {
  return support().relaxed;
}

/** The most worker threads a backend may start: 4 per core, at least 8, at most 256. */
export function maximumThreads(): number {
  return Math.min(256, Math.max(8, 4 * defaultThreadCount()));
}

/**
 * The build for `threads` threads (default: one per core) and `relaxedSimd` (false forces plain
 * SIMD128), with a new memory of at most `maximumMemory` bytes (default and most: 2 GiB; at
 * least 16 MiB). Throws without SIMD128, above `maximumThreads`, and for a maximum out of range.
 */
export function chooseBuild(options: { readonly threads?: number; readonly relaxedSimd?: boolean; readonly maximumMemory?: number }): BuildChoice {
  if (!wasmSimdSupported()) throw new Error('wasm backend: this engine has no WebAssembly SIMD128');
  const relaxed = options.relaxedSimd !== false && relaxedSimdSupported();
  const threads = Math.max(1, Math.floor(options.threads ?? defaultThreadCount()));
  const maxThreads = maximumThreads();
  if (threads > maxThreads) {
    throw new ResourceLimitError(`${threads} threads is more than the limit of ${maxThreads} (4 per core, at least 8, at most 256); each thread holds its own engine`, { requested: threads, limit: maxThreads });
  }
  const maximumMemory = Math.ceil((options.maximumMemory ?? MAXIMUM_MEMORY_BYTES) / PAGE_BYTES) * PAGE_BYTES;
  if (!(maximumMemory >= MINIMUM_MEMORY_BYTES && maximumMemory <= MAXIMUM_MEMORY_BYTES)) {
    throw new UsageError(`wasm backend: maximumMemory must be between 16 MiB and 2 GiB, got ${options.maximumMemory}`);
  }
  const { memory, shared } = createMemory(INITIAL_PAGES, maximumMemory);
  const build = relaxed ? (shared ? KERNEL_BUILDS.relaxedShared : KERNEL_BUILDS.relaxed) : shared ? KERNEL_BUILDS.simdShared : KERNEL_BUILDS.simd;
  return { build, memory, shared, relaxed, threads, maximumMemory };
}

/** Compiles and instantiates synchronously (Node and workers; a page's main thread refuses modules this size). */
export function bindKernels(choice: BuildChoice): BoundKernels {
  const module = new WebAssembly.Module(decode(choice.build));
  const kernels = new WebAssembly.Instance(module, { env: { memory: choice.memory } }).exports as unknown as Kernels;
  return { ...choice, module, kernels };
}

/** Compiles and instantiates asynchronously (anywhere, a page's main thread included). */
export async function loadKernels(choice: BuildChoice): Promise<BoundKernels> {
  const module = await WebAssembly.compile(decode(choice.build));
  const instance = await WebAssembly.instantiate(module, { env: { memory: choice.memory } });
  return { ...choice, module, kernels: instance.exports as unknown as Kernels };
}
