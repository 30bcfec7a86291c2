/**
 * An empty value (`--save ''`, `backprop inspect ''`, an unset shell variable) is refused before
 * a command runs, with one line naming the flag or argument. Left through, it became the current
 * folder, "no such file" with no name in it, or, for `train --out ''`, a run that trained and then
 * failed to move its folder to "".
 */
import type { Command } from 'commander';
import { UsageError } from './errors.js';

/** Options where an empty value means something (no extra missing-value markers). */
const MAY_BE_EMPTY = new Set(['--na-values']);

/** Throws a UsageError for the first option or argument of `command` given as an empty (or blank) string. */
export function refuseEmptyValues(command: Command): void {
  const values = command.opts<Record<string, unknown>>();
  for (const option of command.options) {
    const flag = option.long ?? option.short ?? option.name();
    if (MAY_BE_EMPTY.has(flag)) continue;
    const value = values[option.attributeName()];
    const takes = /<[^>]+>|\[[^\]]+\]/.exec(option.flags)?.[0] ?? 'a value';
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`${flag} is empty; expected ${takes}${option.description === '' ? '' : `: ${option.description}`}`);
  }
  command.registeredArguments.forEach((argument, i) => {
    const value = command.processedArgs[i] as unknown;
    const blank = (v: unknown) => typeof v === 'string' && v.trim() === '';
    if (blank(value) || (Array.isArray(value) && value.some(blank))) throw new UsageError(`the <${argument.name()}> argument of ${command.name()} is empty${argument.description === '' ? '' : `; expected: ${argument.description}`}`);
  });
}
