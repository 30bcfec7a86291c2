/**
 * A value as an error message shows it, with its type where the type is the problem:
 * `the string "0.1"`, `number 5`, `boolean true`, `an array [4]`, `a function`,
 * `object {"patience":5}`.
 */
export function shown(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return `an array ${JSON.stringify(value)?.slice(0, 40)}`;
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${String(JSON.stringify(value) ?? value).slice(0, 40)}`;
}
