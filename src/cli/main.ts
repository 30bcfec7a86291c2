#!/usr/bin/env -S node --experimental-wasm-relaxed-simd
/**
 * The `backprop` executable. The shebang enables relaxed-SIMD (fused multiply-add) kernels on
 * Node 20, and so does the flag set below when it is started without the shebang; newer engines
 * accept them by default. It first checks the Node version (one line and
 * exit 1 on one too old). Under a small address-space limit it restarts itself without the wasm
 * trap handler (address-space.ts). A failure that escapes everything still ends as one line (the
 * stack only with --debug). Everything else lives in program.ts.
 */
import { setFlagsFromString } from 'node:v8';
import { unsupportedNode } from '../node-support.js';
import { writeProblem } from '../io/write-error.js';

// Started as `node dist/cli/main.js` (Windows' npm shims, scripts) rather than through the shebang:
// on Node 20 (V8 11.3, the last without relaxed SIMD shipped) the flag is set here, before any
// WebAssembly is compiled. V8 reads wasm feature flags when it validates a module, so the kernels
// then pick the fused multiply-add build: 89 against 70 GFLOP/s on 1024x784x128 here.
const RELAXED_SIMD_FLAG = '--experimental-wasm-relaxed-simd';
if (process.versions.node.startsWith('20.') && !process.execArgv.includes(RELAXED_SIMD_FLAG)) setFlagsFromString(RELAXED_SIMD_FLAG);

const tooOld = unsupportedNode(process.version);
if (tooOld === undefined) {
  const { needsRelaunch, relaunchWithoutTrapHandler } = await import('./address-space.js');
  const { runCli } = await import('./program.js');
  const debug = process.argv.includes('--debug');
  let stdoutFailed = false;
  const lastResort = (error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`backprop: internal error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    if (debug && error instanceof Error && error.stack !== undefined) process.stderr.write(error.stack + '\n');
    process.exit(1);
  };
  // A reader that stops early (`backprop train ... | head`) closes the pipe: the rest of stdout is
  // dropped quietly and the command still finishes (a model to --save, a run folder), as tee would.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      process.stdout.write = () => true;
      return;
    }
    // Output redirected to a full disk (`> /dev/full`) or a file that went away: the reason, not
    // "internal error", once; the command still runs to its end (the model to --save, the run
    // folder: exiting here left them half-written) and then exits 1.
    if (error.code === undefined) return lastResort(error);
    process.stdout.write = () => true;
    if (stdoutFailed) return;
    stdoutFailed = true;
    if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = 1; // the failed write may be noticed after the command returned
    process.stderr.write(`backprop: cannot write the output (stdout): ${writeProblem('<stdout>', error)}; the rest of the output is dropped, the command goes on\n`);
  });
  process.on('uncaughtException', lastResort);
  process.on('unhandledRejection', lastResort);
  const code = needsRelaunch() ? await relaunchWithoutTrapHandler() : await runCli(process.argv.slice(2));
  process.exitCode = code === 0 && stdoutFailed ? 1 : code;
} else {
  process.stderr.write(`${tooOld}\n`);
  process.exitCode = 1;
}
