/**
 * Better words for commander's usage errors, from the flags people bring from other tools: `--lr`
 * (PyTorch scripts), `--hidden-layer-sizes` and `--random-state` (scikit-learn), `--units`
 * (Keras), `--label` ... Commander's own did-you-mean goes by spelling, and offers `--header` for
 * `--hidden`; a known synonym is offered instead, when the command has that flag. And
 * `--layers 64 32` (space-separated, as argparse's nargs takes them) is told to use a comma, and
 * a file named like an option (`-data.csv`) is told to be written `./-data.csv`.
 */
import { existsSync } from 'node:fs';
import { CommanderError, type Command } from 'commander';

/** Flags of other tools, and the flag backprop has for the same thing. */
const SYNONYMS: Readonly<Record<string, string>> = {
  '--lr': '--learning-rate',
  '--learning_rate': '--learning-rate',
  '--learningrate': '--learning-rate',
  '--eta': '--learning-rate',
  '--hidden': '--layers',
  '--hidden-layers': '--layers',
  '--hidden-layer-sizes': '--layers',
  '--hidden_layer_sizes': '--layers',
  '--units': '--layers',
  '--neurons': '--layers',
  '--batch': '--batch-size',
  '--bs': '--batch-size',
  '--batch_size': '--batch-size',
  '--batchsize': '--batch-size',
  '--n-epochs': '--epochs',
  '--num-epochs': '--epochs',
  '--max-iter': '--epochs',
  '--max_iter': '--epochs',
  '--optim': '--optimizer',
  '--solver': '--optimizer',
  '--label': '--target',
  '--labels': '--target',
  '--target-column': '--target',
  '--label-column': '--target',
  '--y': '--target',
  '--test-size': '--test-split',
  '--test_size': '--test-split',
  '--random-state': '--seed',
  '--random_state': '--seed',
  '--random-seed': '--seed',
  '--act': '--activation',
  '--l2': '--weight-decay',
  '--sep': '--delimiter',
  '--separator': '--delimiter',
  '--skiprows': '--skip-rows',
  '--na_values': '--na-values',
  '--model': '--save',
};

/** The message for `error` (a usage error of `command`'s parse of `argv`), with a synonym or the comma hint where one applies. */
export function hintedUsageMessage(error: CommanderError, argv: readonly string[], program: Command): string {
  const command = program.commands.find((c) => c.name() === argv[0]);
  if (command === undefined) return error.message;
  if (error.code === 'commander.unknownOption') {
    const flag = /unknown option '([^'=]+)/.exec(error.message)?.[1];
    const synonym = flag === undefined ? undefined : SYNONYMS[flag.toLowerCase()];
    if (flag !== undefined && synonym !== undefined && command.options.some((o) => o.long === synonym)) {
      return `error: unknown option '${flag}' (backprop calls it ${synonym}; see backprop ${command.name()} --help)`;
    }
    // A file whose name starts with a dash (-data.csv) reads as an option: say how to name it.
    const word = /unknown option '([^']+)'/.exec(error.message)?.[1];
    if (word !== undefined && existsSync(word)) return `error: unknown option '${word}' (for the file of that name, write ./${word})`;
  }
  if (error.code === 'commander.excessArguments') {
    const at = argv.findIndex((a) => a === '--layers' || a.startsWith('--layers='));
    const next = at < 0 ? [] : argv.slice(at + 2);
    const spread = next.findIndex((a) => !/^\d+$/.test(a));
    const numbers = spread < 0 ? next : next.slice(0, spread);
    if (at >= 0 && !argv[at]!.includes('=') && numbers.length > 0) {
      return `error: --layers takes one comma-separated list: --layers ${[argv[at + 1], ...numbers].join(',')} (the numbers after it were read as extra arguments)`;
    }
  }
  if (error.code === 'commander.invalidArgument') {
    // "option '--iterations <n>' argument '1e12' is invalid. --iterations (...) must be ...": our own line already names the flag and the value.
    const ours = /^error: option '(--[\w-]+)[^']*' argument '[^']*' is invalid\. (.+)$/s.exec(error.message);
    if (ours !== undefined && ours !== null && ours[2]!.includes(ours[1]!)) return `error: ${ours[2]!}`;
  }
  return error.message;
}
