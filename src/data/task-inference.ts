/**
 * The task rule, in one place for the CSV reader, in-memory rows and the estimators:
 * any non-numeric target is classification; a target of whole numbers with at most
 * MAX_INTEGER_CLASSES distinct values is classification; anything else is regression.
 */
import type { Task } from './dataset.js';

/** Whole-number targets with at most this many distinct values are read as class codes. */
export const MAX_INTEGER_CLASSES = 20;

/** What the rule needs to know about a target column. */
export interface TargetSummary {
  /** The target column's name, for the reason. */
  readonly name: string;
  /** Distinct non-numeric cells seen (a few are enough for the reason). */
  readonly textValues: readonly string[];
  /** Distinct numbers seen, or undefined when there were more than were tracked (then: many). */
  readonly numbers: readonly number[] | undefined;
  /** Every numeric cell is a whole number. */
  readonly allIntegers: boolean;
}

/** The decision and its one-line reason (what the CLI prints after `task:`). */
export interface TaskDecision {
  readonly task: Task;
  readonly reason: string;
}

/** Applies the rule (or records the asked-for task) and says why in one line. */
export function inferTargetTask(summary: TargetSummary, requested: Task | 'auto' = 'auto'): TaskDecision {
  const { name, textValues, numbers, allIntegers } = summary;
  const described = describeValues(summary);
  if (requested !== 'auto') return { task: requested, reason: `as asked; target "${name}" holds ${described}` };
  if (textValues.length > 0) return { task: 'classification', reason: `target "${name}" holds text (${described})` };
  if (numbers !== undefined && allIntegers && numbers.length <= MAX_INTEGER_CLASSES) {
    return { task: 'classification', reason: `target "${name}" holds ${described}; --task regression treats it as a number` };
  }
  const why = allIntegers ? `more than ${MAX_INTEGER_CLASSES} distinct whole numbers` : 'numbers that are not all whole';
  return { task: 'regression', reason: `target "${name}" holds ${why} (${described}); --task classification treats each value as a class` };
}

/** "3 integer values: 0, 1, 2", "812 distinct numbers", "2 labels: cat, dog". */
function describeValues({ textValues, numbers, allIntegers }: TargetSummary): string {
  if (textValues.length > 0) {
    const count = textValues.length + (numbers?.length ?? 0);
    return `${count} distinct ${count === 1 ? 'value' : 'values'}: ${listSome(textValues.map(String))}`;
  }
  if (numbers === undefined) return 'many distinct numbers';
  const sorted = [...numbers].sort((a, b) => a - b);
  const kind = allIntegers ? 'integer' : 'distinct';
  return `${sorted.length} ${kind} ${sorted.length === 1 ? 'value' : 'values'}: ${listSome(sorted.map(String))}`;
}

function listSome(values: readonly string[]): string {
  // A value that would blur the list (a comma, a quote, surrounding spaces) is quoted: "big, red", "say \"hi\"".
  const shown = values.slice(0, 5).map((v) => (v.length > 20 ? `${v.slice(0, 20)}…` : v)).map((v) => (/[,"]|^\s|\s$/.test(v) ? JSON.stringify(v) : v));
  return values.length > 5 ? `${shown.join(', ')}, ...` : shown.join(', ');
}
