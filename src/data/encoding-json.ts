/** Validation of a stored encoding (a model file's metadata.preprocessing.encoding). */
import { encodedWidth } from './encoding.js';
import type { EncodedColumn, Encoding } from './encoding.js';
import { showJson } from './transforms.js';
import { ModelFormatError } from '../errors/model-format-error.js';

const MISSING_POLICIES = ['error', 'drop', 'mean', 'median', 'most-frequent'] as const;

/**
 * Parsed JSON → Encoding, or a ModelFormatError whose field is the JSON path of the first bad
 * part below `field` (e.g. `metadata.preprocessing.encoding.columns[1].fill`).
 */
export function encodingFromJSON(json: unknown, field = 'encoding'): Encoding {
  const at = (key: string, problem: string): never => {
    throw new ModelFormatError(key === '' ? field : `${field}.${key}`, problem);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return at('', `must be an object, got ${showJson(json)}`);
  const o = json as Record<string, unknown>;
  const missing = o['missing'];
  if (!MISSING_POLICIES.includes(missing as (typeof MISSING_POLICIES)[number])) at('missing', `${showJson(missing)} is not one of ${MISSING_POLICIES.join(', ')}`);
  const unknownCategory = o['unknownCategory'];
  if (unknownCategory !== 'ignore' && unknownCategory !== 'error') at('unknownCategory', `${showJson(unknownCategory)} is neither ignore nor error`);
  if (!Array.isArray(o['columns'])) return at('columns', `must be an array, got ${showJson(o['columns'])}`);
  const columns = (o['columns'] as unknown[]).map((entry, i): EncodedColumn => {
    const c = entry as Record<string, unknown> | null;
    if (typeof c !== 'object' || c === null || typeof c['name'] !== 'string') return at(`columns[${i}].name`, 'is missing or not a string');
    const name = c['name'];
    if (c['kind'] === 'numeric') {
      const fill = c['fill'];
      if (fill !== null && (typeof fill !== 'number' || !Number.isFinite(fill))) at(`columns[${i}].fill`, `(column "${name}") must be a finite number or null, got ${showJson(fill)}`);
      return { name, kind: 'numeric', fill: fill as number | null };
    }
    if (c['kind'] !== 'categorical') return at(`columns[${i}].kind`, `(column "${name}") ${showJson(c['kind'])} is neither numeric nor categorical`);
    const categories = c['categories'];
    if (!Array.isArray(categories) || !categories.every((v) => typeof v === 'string')) return at(`columns[${i}].categories`, `(column "${name}") must be an array of strings`);
    if (new Set(categories).size !== categories.length) at(`columns[${i}].categories`, `(column "${name}") repeat a category`);
    const fill = c['fill'];
    if (fill !== null && (typeof fill !== 'string' || !categories.includes(fill))) at(`columns[${i}].fill`, `(column "${name}") is not one of its categories or null, got ${showJson(fill)}`);
    return { name, kind: 'categorical', categories: [...(categories as string[])], fill: fill as string | null };
  });
  const width = encodedWidth(columns);
  if (o['width'] !== width) at('width', `${showJson(o['width'])} does not match the columns (${width})`);
  return { columns, missing: missing as Encoding['missing'], unknownCategory: unknownCategory as Encoding['unknownCategory'], width };
}
