#!/usr/bin/env -S node --experimental-wasm-relaxed-simd
/**
 * The `backprop` executable. The shebang enables relaxed-SIMD (fused multiply-add) kernels on
 * Node 20; newer engines accept them by default. Everything else lives in program.ts.
 */
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2));
