#!/usr/bin/env -S node --experimental-wasm-relaxed-simd
/**
 * The `backprop` executable. The shebang enables relaxed-SIMD (fused multiply-add) kernels on
 * Node 20; newer engines accept them by default. Under a small address-space limit it restarts
 * itself without the wasm trap handler (address-space.ts). A failure that escapes everything
 * still ends as one line (the stack only with --debug). Everything else lives in program.ts.
 */
import { needsRelaunch, relaunchWithoutTrapHandler } from './address-space.js';
import { runCli } from './program.js';

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
