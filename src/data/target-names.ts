/** Which column of a table is its target by default: the one named like a target, else the last named column. */

/** Header names that say "this is the target", compared without case. */
const TARGET_NAMES: ReadonlySet<string> = new Set(['label', 'labels', 'target', 'class', 'y']);

/** Whether a header name says "this is the target" (label, labels, target, class, y; any case). */
export function isTargetLikeName(name: string): boolean {
  return TARGET_NAMES.has(name.trim().toLowerCase());
}

/**
 * The column a table's target is by default: the one column named like a target (label, target,
 * class, y ...) when the last named column is not, else the last named column (a spreadsheet's
 * trailing unnamed columns are no target).
 */
export function defaultTargetColumn(names: readonly string[], unnamed: ReadonlySet<number>): number {
  let lastNamed = names.length - 1;
  while (lastNamed > 0 && unnamed.has(lastNamed)) lastNamed--;
  if (isTargetLikeName(names[lastNamed] ?? '')) return lastNamed;
  const named = names.flatMap((n, i) => (i !== lastNamed && !unnamed.has(i) && isTargetLikeName(n) ? [i] : []));
  return named.length === 1 ? named[0]! : lastNamed;
}
