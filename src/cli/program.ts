/**
 * The `backprop` program: commander wiring of every subcommand, and `runCli`, which turns any
 * failure into one line on stderr and an exit code (2 usage, 1 failure, 3 divergence).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { TrainingDivergedError } from '../train/errors.js';
import { NUMERIC_FLAGS, parseFlag } from './numeric-flags.js';
import { EXIT, oneLine, UsageError } from './errors.js';
import { closestName } from '../errors/closest-name.js';
import { processIo, type CliIo } from './io.js';
import { applyMemoryFlag, describeDefaultBudget } from './memory-flag.js';
import { engineUnderLimit } from './address-space.js';
import { hintedUsageMessage } from './flag-hints.js';
import { refuseEmptyValues } from './empty-values.js';
import { repeatedFlagWarnings } from './repeated-flags.js';
import { checkWorkingFolder } from './working-folder.js';

/** A subcommand's registration, imported only when the command line needs it (startup time). */
type Register = (program: Command, io: CliIo) => void;

/** Every subcommand, in the order help lists them, with the module that registers it. */
const COMMANDS: readonly { readonly name: string; readonly load: () => Promise<Register> }[] = [
  { name: 'train', load: async () => (await import('./commands/train.js')).registerTrain },
  { name: 'evaluate', load: async () => (await import('./commands/evaluate.js')).registerEvaluate },
  { name: 'predict', load: async () => (await import('./commands/predict.js')).registerPredict },
  // inspect.ts registers both inspect and summary.
  { name: 'inspect', load: async () => (await import('./commands/inspect.js')).registerInspect },
  { name: 'gradcheck', load: async () => (await import('./commands/gradcheck.js')).registerGradcheck },
  { name: 'reproduce', load: async () => (await import('./commands/reproduce.js')).registerReproduce },
  { name: 'explain', load: async () => (await import('./commands/explain.js')).registerExplainCommand },
  { name: 'playground', load: async () => (await import('./commands/playground.js')).registerPlayground },
  { name: 'download', load: async () => (await import('./commands/download.js')).registerDownload },
  { name: 'export', load: async () => (await import('./commands/export.js')).registerExport },
  { name: 'import', load: async () => (await import('./commands/import.js')).registerImport },
];

/** Global options that take a value (the word after them is not a command name). */
const VALUED_GLOBALS = new Set(['--threads', '--max-memory']);

/**
 * The subcommands `argv` needs registered: the one it names, or none for a bare --version, or
 * all of them (help, suggestions for a mistyped name, or no argv given).
 */
function commandsFor(argv: readonly string[] | undefined): typeof COMMANDS {
  if (argv === undefined) return COMMANDS;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (VALUED_GLOBALS.has(word)) i++;
    else if (!word.startsWith('-')) {
      const name = word === 'summary' ? 'inspect' : word;
      const named = COMMANDS.filter((c) => c.name === name);
      return named.length === 1 ? named : COMMANDS;
    }
  }
  const versionOnly = argv.length > 0 && argv.every((w) => w === '--version' || w === '-V');
  return versionOnly ? [] : COMMANDS;
}

/** The package version, read from package.json (two folders up from src/cli and dist/cli). */
function version(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Builds the commander program: every subcommand registered, or with `argv` (the command line,
 * without node and script) only those it needs (see commandsFor), which keeps startup short.
 */
export async function buildProgram(io: CliIo, argv?: readonly string[]): Promise<Command> {
  const program = new Command('backprop')
    .description('Train, evaluate, explain and inspect multilayer perceptrons trained by backpropagation.')
    .version(version())
    .option('--debug', 'print stack traces of failures')
    .option('--threads <n>', 'worker threads of the WebAssembly engine (default: the number of cores)')
    .option('--max-memory <size>', `memory budget every input, model and buffer is checked against, e.g. 4GB (default: ${describeDefaultBudget()})`)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: () => undefined });
  const registers = await Promise.all(commandsFor(argv).map((c) => c.load()));
  for (const register of registers) register(program, io);
  program.hook('preAction', async (_program, command) => {
    checkWorkingFolder();
    refuseEmptyValues(command);
    for (const line of repeatedFlagWarnings(command, argv ?? [])) io.stderr.write(`${line}\n`);
    const flag = program.opts<{ threads?: string }>().threads;
    const [{ setDefaultBackend }, { createWasmBackend, maximumThreads }, { defaultThreadCount }] = await Promise.all([import('../backend/default.js'), import('../backend/wasm.js'), import('../backend/wasm/threads.js')]);
    const threads = flag === undefined ? undefined : parseFlag('--threads', flag, { ...NUMERIC_FLAGS['--threads'], max: maximumThreads() });
    const limited = engineUnderLimit(defaultThreadCount(), undefined, threads);
    // Under an address-space limit the default budget is what the engine's reservations leave.
    applyMemoryFlag(program.opts<{ maxMemory?: string }>().maxMemory, limited);
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

/**
 * Where commander would print the whole help to stderr (which the CLI keeps to one line):
 * `backprop help NAME` with an unknown name, or global options without a command (`backprop --debug`).
 */
function missingCommand(argv: readonly string[], program: Command): UsageError {
  const names = program.commands.map((c) => c.name()).filter((name) => name !== 'help');
  const words = argv.filter((word, i) => !word.startsWith('-') && !VALUED_GLOBALS.has(argv[i - 1] ?? ''));
  if (words[0] === 'help' && words[1] !== undefined) {
    const guess = closestName(words[1], names);
    return new UsageError(`unknown command "${words[1]}".${guess === undefined ? '' : ` Did you mean "${guess}"?`} Choose one of: ${names.join(', ')}`);
  }
  return new UsageError(`no command given: choose one of ${names.join(', ')} (backprop --help describes them)`);
}

/** Runs the CLI on `argv` (without node and script); returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let program: Command | undefined;
  try {
    program = await buildProgram(io, argv);
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
    const helpInstead = error instanceof CommanderError && error.code === 'commander.help' && program !== undefined ? missingCommand(argv, program) : undefined;
    const message = helpInstead ?? (error instanceof CommanderError && program !== undefined ? Object.assign(error, { message: hintedUsageMessage(error, argv, program) }) : error);
    io.stderr.write(`backprop: ${oneLine(message)}\n`);
    if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(error.stack + '\n');
    return code;
  }
}
