#!/usr/bin/env -S node --experimental-wasm-relaxed-simd
/**
 * The `backprop` executable. The shebang enables relaxed-SIMD (fused multiply-add) kernels on
 * Node 20; newer engines accept them by default. It first checks the Node version (one line and
 * exit 1 on one too old). Under a small address-space limit it restarts itself without the wasm
 * trap handler (address-space.ts). A failure that escapes everything still ends as one line (the
 * stack only with --debug). Everything else lives in program.ts.
 */
import { unsupportedNode } from '../node-support.js';

const tooOld = unsupportedNode(process.version);
if (tooOld === undefined) {
  const { needsRelaunch, relaunchWithoutTrapHandler } = await import('./address-space.js');
  const { runCli } = await import('./program.js');
  const debug = process.argv.includes('--debug');
  const lastResort = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`backprop: internal error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    if (debug && error instanceof Error && error.stack !== undefined) process.stderr.write(error.stack + '\n');
    process.exit(1);
  };
  process.on('uncaughtException', lastResort);
  process.on('unhandledRejection', lastResort);
  process.exitCode = needsRelaunch() ? await relaunchWithoutTrapHandler() : await runCli(process.argv.slice(2));
} else {
  process.stderr.write(`${tooOld}\n`);
  process.exitCode = 1;
}
