/**
 * The `backprop` program: commander wiring of every subcommand, and `runCli`, which turns any
 * failure into one line on stderr and an exit code (2 usage, 1 failure, 3 divergence).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { setDefaultBackend } from '../backend/default.js';
import { createWasmBackend, maximumThreads } from '../backend/wasm.js';
import { TrainingDivergedError } from '../train/errors.js';

import { registerDownload } from './commands/download.js';
import { NUMERIC_FLAGS, parseFlag } from './numeric-flags.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerExplainCommand } from './commands/explain.js';
import { registerGradcheck } from './commands/gradcheck.js';
import { registerInspect } from './commands/inspect.js';
import { registerPlayground } from './commands/playground.js';
import { registerPredict } from './commands/predict.js';
import { registerReproduce } from './commands/reproduce.js';
import { registerTrain } from './commands/train.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { EXIT, oneLine } from './errors.js';
import { processIo, type CliIo } from './io.js';
import { applyMemoryFlag, describeDefaultBudget } from './memory-flag.js';
import { engineUnderLimit } from './address-space.js';
import { defaultThreadCount } from '../backend/wasm/threads.js';

/** The package version, read from package.json (two folders up from src/cli and dist/cli). */
function version(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Builds the commander program with every subcommand registered. */
export async function buildProgram(io: CliIo): Promise<Command> {
  const program = new Command('backprop')
    .description('Train, evaluate, explain and inspect multilayer perceptrons trained by backpropagation.')
    .version(version())
    .option('--debug', 'print stack traces of failures')
    .option('--threads <n>', 'worker threads of the WebAssembly engine (default: the number of cores)')
    .option('--max-memory <size>', `memory budget every input, model and buffer is checked against, e.g. 4GB (default: ${describeDefaultBudget()})`)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: () => undefined });
  registerTrain(program, io);
  registerEvaluate(program, io);
  registerPredict(program, io);
  registerInspect(program, io);
  registerGradcheck(program, io);
  registerReproduce(program, io);
  registerExplainCommand(program, io);
  registerPlayground(program, io);
  registerDownload(program, io);
  registerExport(program, io);
  registerImport(program, io);
  program.hook('preAction', () => {
    applyMemoryFlag(program.opts<{ maxMemory?: string }>().maxMemory);
    const flag = program.opts<{ threads?: string }>().threads;
    const threads = flag === undefined ? undefined : parseFlag('--threads', flag, { ...NUMERIC_FLAGS['--threads'], max: maximumThreads() });
    const limited = engineUnderLimit(defaultThreadCount(), undefined, threads);
    if (limited !== undefined) setDefaultBackend(createWasmBackend(limited));
    else if (threads !== undefined) setDefaultBackend(createWasmBackend({ threads }));
  });
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: () => undefined }).showSuggestionAfterError(true);
  return program;
}

/** The exit code an error deserves. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof TrainingDivergedError) return EXIT.diverged;
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT.usage;
  const code = (error as { exitCode?: unknown }).exitCode;
  return typeof code === 'number' ? code : EXIT.failure;
}

/** Runs the CLI on `argv` (without node and script); returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let program: Command | undefined;
  try {
    program = await buildProgram(io);
    if (argv.length === 0) {
      io.stdout.write(program.helpInformation());
      return 0;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    const code = exitCodeOf(error);
    if (code === 0) return 0;
    const debug = argv.includes('--debug');
    io.stderr.write(`backprop: ${oneLine(error)}\n`);
    if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(error.stack + '\n');
    return code;
  }
}
