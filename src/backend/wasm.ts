/**
 * The WebAssembly backend: AssemblyScript kernels (kernels/*.ts, SIMD128, optionally relaxed-SIMD
 * fused multiply-add) bound 1:1 to Backend methods; its parts are in wasm/ (binding, operations,
 * dispatch over threads, worker, memory). This file is the import path users and the entry
 * points use.
 */
export { createWasmBackend, loadWasmBackend, type WasmBackend, type WasmBackendOptions } from './wasm/create.js';
export { maximumThreads, relaxedSimdSupported, wasmSimdSupported } from './wasm/binding.js';
