/** One line on how a table's columns became model inputs (train prints it; inspect shows it). */
import type { Preprocessing } from '../data/preprocessing.js';
import { cutList } from '../errors/limits.js';

/** "inputs: 9 from 4 columns: age, income, color (3 categories), city (4 categories); missing cells: mean", or undefined when nothing was encoded. */
export function describeColumns(prep: Preprocessing): string | undefined {
  const encoding = prep.encoding;
  if (encoding === undefined) return undefined;
  const categorical = encoding.columns.some((c) => c.kind === 'categorical');
  if (!categorical && encoding.missing === 'error') return undefined;
  const parts = encoding.columns.map((c) => (c.kind === 'numeric' ? c.name : `${c.name} (${c.categories.length} ${c.categories.length === 1 ? 'category' : 'categories'})`));
  const shown = cutList(parts, 12);
  const missing = encoding.missing === 'error' ? '' : `; missing cells: ${encoding.missing}`;
  return `inputs: ${encoding.width} from ${encoding.columns.length} ${encoding.columns.length === 1 ? 'column' : 'columns'}: ${shown}${missing}`;
}
