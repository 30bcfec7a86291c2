/**
 * A flag given more than once (`--layers 8 ... --layers 16`, `--weights --no-weights`): commander
 * keeps the last value silently; this names it in one warning line, so an override appended to
 * a script's flags still works and a slip is still seen. No backprop flag collects repeats; a
 * switch repeated as such (`--json --json`) changes nothing and is not mentioned.
 */
import type { Command, Option } from 'commander';

/** One warning line per option of `command` that `argv` (the command line, without node and script) gives more than once. */
export function repeatedFlagWarnings(command: Command, argv: readonly string[]): string[] {
  const byFlag = new Map<string, Option>();
  for (const option of command.options) {
    if (option.long !== undefined) byFlag.set(option.long, option);
    if (option.short !== undefined) byFlag.set(option.short, option);
  }
  const seen = new Map<string, { flags: string[]; takesValue: boolean; last: string | undefined }>();
  const end = argv.indexOf('--');
  const words = end < 0 ? argv : argv.slice(0, end);
  words.forEach((word, i) => {
    const [flag, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const option = byFlag.get(flag);
    if (option === undefined) return;
    const takesValue = option.required || option.optional;
    const entry = seen.get(option.attributeName()) ?? { flags: [], takesValue, last: undefined };
    entry.flags.push(flag);
    entry.last = takesValue ? (inline ?? words[i + 1]) : undefined;
    seen.set(option.attributeName(), entry);
  });
  const lines: string[] = [];
  for (const { flags, takesValue, last } of seen.values()) {
    const distinct = [...new Set(flags)];
    if (flags.length < 2 || (!takesValue && distinct.length === 1)) continue;
    const given = distinct.length === 1 ? `${flags[0]} is given ${flags.length === 2 ? 'twice' : `${flags.length} times`}` : `${distinct.join(' and ')} are both given`;
    lines.push(`warning: ${given}; the last one counts${last === undefined ? ` (${flags.at(-1)})` : ` (${last})`}`);
  }
  return lines;
}
