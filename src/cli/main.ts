#!/usr/bin/env -S node --experimental-wasm-relaxed-simd
/**
 * The `backprop` executable. The shebang enables relaxed-SIMD (fused multiply-add) kernels on
 * Node 20; newer engines accept them by default. It first checks the Node version (one line and
 * exit 1 on one too old), then loads program.ts, where everything else lives.
 */
import { unsupportedNode } from '../node-support.js';

const tooOld = unsupportedNode(process.version);
if (tooOld === undefined) {
  const { runCli } = await import('./program.js');
  process.exitCode = await runCli(process.argv.slice(2));
} else {
  process.stderr.write(`${tooOld}\n`);
  process.exitCode = 1;
}
