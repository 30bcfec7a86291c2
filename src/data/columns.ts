/**
 * Input columns of a table: what kind each one is (numeric, or categorical with the
 * categories seen in the file), and which columns become inputs (`features` / `ignore`,
 * by name or 0-based index, with a did-you-mean for mistyped names).
 */
import { closestName } from '../errors/closest-name.js';
import { DataFormatError } from './errors.js';
import type { DataLocation } from './errors.js';

/** One input column as read: numbers (NaN = missing), or category codes into `categories`. */
export type ColumnInfo =
  | { readonly name: string; readonly kind: 'numeric' }
  | { readonly name: string; readonly kind: 'categorical'; readonly categories: readonly string[] };

/** A column chosen by header name or by 0-based index. */
export type ColumnRef = string | number;

/** A column choice that names no column: a usage mistake (exit code 2 in the CLI). */
export class ColumnChoiceError extends DataFormatError {
  override readonly exitCode = 2;
}

/** Which columns to use as inputs: only `features` (when given), minus `ignore`. */
export interface ColumnChoice {
  readonly features?: readonly ColumnRef[];
  readonly ignore?: readonly ColumnRef[];
}

/** Index of one referenced column in `names`, or a ColumnChoiceError naming the option and a close name. */
export function columnIndex(ref: ColumnRef, names: readonly string[], what: string, where: DataLocation): number {
  if (typeof ref === 'number') {
    if (Number.isInteger(ref) && ref >= 0 && ref < names.length) return ref;
    throw new ColumnChoiceError(where, `${what}: column index ${ref} is outside 0..${names.length - 1}`);
  }
  const index = names.indexOf(ref);
  if (index >= 0) return index;
  const lower = names.map((n) => n.toLowerCase());
  const guess = closestName(ref.toLowerCase(), lower);
  const hint = guess === undefined ? '' : ` Did you mean "${names[lower.indexOf(guess)]}"?`;
  throw new ColumnChoiceError(where, `${what}: no column named "${ref}".${hint} Columns: ${listNames(names)}`);
}

/** The input column indices, in file order: all but the target (or only `features`), minus `ignore`. */
export function chooseInputColumns(names: readonly string[], targetIndex: number, choice: ColumnChoice, where: DataLocation): number[] {
  const ignored = new Set((choice.ignore ?? []).map((ref) => columnIndex(ref, names, 'ignore', where)));
  if (targetIndex >= 0 && ignored.has(targetIndex)) throw new ColumnChoiceError(where, `ignore: "${names[targetIndex]}" is the target column (inputs are ignored, not the target); to predict another column, name it as the target (--target)`);
  let chosen: number[];
  if (choice.features === undefined) {
    chosen = names.map((_, i) => i).filter((i) => i !== targetIndex);
  } else {
    const wanted = new Set(choice.features.map((ref) => columnIndex(ref, names, 'features', where)));
    if (wanted.has(targetIndex)) throw new ColumnChoiceError(where, `features: "${names[targetIndex]}" is the target column`);
    chosen = names.map((_, i) => i).filter((i) => wanted.has(i));
  }
  const inputs = chosen.filter((i) => !ignored.has(i));
  if (inputs.length === 0 && choice.features === undefined && choice.ignore === undefined) {
    throw new DataFormatError(where, `the only column is ${names.map((n) => `"${n}"`).join(', ')}, so no inputs are left; if the file has more, its delimiter was not recognised (--delimiter)`);
  }
  if (inputs.length === 0) throw new ColumnChoiceError(where, 'no input columns are left (check features and ignore)');
  return inputs;
}

/** Refuses duplicate header names, naming the second one. */
export function checkUniqueNames(names: readonly string[], where: DataLocation): void {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const first = seen.get(name);
    if (first !== undefined) throw new DataFormatError({ ...where, column: i + 1 }, `column name "${name}" appears twice (columns ${first + 1} and ${i + 1})`);
    seen.set(name, i);
  });
}

/** "a, b, c" or the first 12 names and a count. */
export function listNames(names: readonly string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')}, ... (${names.length} in all)`;
}
