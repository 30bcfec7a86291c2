/** Did-you-mean: the closest candidate to a mistyped name (data sets, columns, flags). */

/**
 * The candidate closest to `name` by edit distance, if it is close enough to be a typo: one that
 * differs only in case or surrounding spaces first ("Y" for "y"), then a candidate starting with
 * or holding a name of 3 or more letters, then the nearest spelling (case ignored, one edit for a
 * name of up to 4 letters, more for longer ones) that keeps at least one of the name's letters,
 * so a short name ("b", "zz", "Fare") is never "corrected" to an unrelated one ("a", "Name").
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.trim().toLowerCase();
  const folded = candidates.find((c) => c.trim().toLowerCase() === lower);
  if (folded !== undefined) return folded;
  const containing = lower.length >= 3 ? candidates.find((c) => c.toLowerCase().startsWith(lower)) ?? candidates.find((c) => c.toLowerCase().includes(lower)) : undefined;
  if (containing !== undefined) return containing;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.trim().toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  // Names of up to 4 letters allow one slip: with two, "Fare" was offered "Name".
  const allowed = lower.length <= 4 ? 1 : Math.max(2, Math.floor(lower.length / 3));
  return bestDistance <= allowed && bestDistance < lower.length ? best : undefined;
}

/** Edits (insert, delete, substitute, swap two neighbours) from a to b: "aeg" is one swap from "age". */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** `unknown WHAT "NAME"; did you mean "X"? (one of a, b, c)`, for a name that is not one of `candidates`. */
export function unknownNameMessage(what: string, name: unknown, candidates: readonly string[]): string {
  const shown = typeof name === 'string' ? JSON.stringify(name) : `${typeof name} ${JSON.stringify(name) ?? String(name)}`;
  const guess = typeof name === 'string' ? closestName(name, candidates) : undefined;
  return `unknown ${what} ${shown}${guess === undefined ? '' : `; did you mean "${guess}"?`} (one of ${candidates.join(', ')})`;
}
