/** Validation of a stored encoding (a model file's metadata.preprocessing.encoding). */
import { encodedWidth } from './encoding.js';
import type { EncodedColumn, Encoding } from './encoding.js';

const MISSING_POLICIES = ['error', 'drop', 'mean', 'median', 'most-frequent'] as const;

/** Parsed JSON → Encoding, or a TypeError naming the first bad field. */
export function encodingFromJSON(json: unknown): Encoding {
  const fail = (problem: string): never => {
    throw new TypeError(`encoding: ${problem}`);
  };
  if (typeof json !== 'object' || json === null) return fail('not an object');
  const o = json as Record<string, unknown>;
  const missing = o['missing'];
  if (!MISSING_POLICIES.includes(missing as (typeof MISSING_POLICIES)[number])) fail(`missing ${JSON.stringify(missing)} is not one of ${MISSING_POLICIES.join(', ')}`);
  const unknownCategory = o['unknownCategory'];
  if (unknownCategory !== 'ignore' && unknownCategory !== 'error') fail(`unknownCategory ${JSON.stringify(unknownCategory)} is neither ignore nor error`);
  if (!Array.isArray(o['columns'])) return fail('"columns" is not an array');
  const columns = (o['columns'] as unknown[]).map((entry, i): EncodedColumn => {
    const c = entry as Record<string, unknown> | null;
    if (typeof c !== 'object' || c === null || typeof c['name'] !== 'string') return fail(`column ${i} has no name`);
    const name = c['name'];
    if (c['kind'] === 'numeric') {
      const fill = c['fill'];
      if (fill !== null && (typeof fill !== 'number' || !Number.isFinite(fill))) fail(`column "${name}": fill is not a finite number or null`);
      return { name, kind: 'numeric', fill: fill as number | null };
    }
    if (c['kind'] !== 'categorical') return fail(`column "${name}": kind ${JSON.stringify(c['kind'])} is neither numeric nor categorical`);
    const categories = c['categories'];
    if (!Array.isArray(categories) || !categories.every((v) => typeof v === 'string')) return fail(`column "${name}": categories are not strings`);
    if (new Set(categories).size !== categories.length) fail(`column "${name}": categories repeat`);
    const fill = c['fill'];
    if (fill !== null && (typeof fill !== 'string' || !categories.includes(fill))) fail(`column "${name}": fill is not one of its categories or null`);
    return { name, kind: 'categorical', categories: [...(categories as string[])], fill: fill as string | null };
  });
  const width = encodedWidth(columns);
  if (o['width'] !== width) fail(`width ${JSON.stringify(o['width'])} does not match the columns (${width})`);
  return { columns, missing: missing as Encoding['missing'], unknownCategory: unknownCategory as Encoding['unknownCategory'], width };
}
