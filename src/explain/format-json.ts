/**
 * The JSON form of an explanation (`backprop explain --json`): the Derivation's plain data, plus
 * the matrix view under `matrix` when asked for, with every number rounded by roundForDisplay so
 * that each JSON number is printed verbatim by the text, Markdown and HTML outputs too.
 * Keys include `totalError` (before the update), `weights` and `updatedWeights` by name, and
 * `errorAfter` when iterations were given. The library call `explain()` keeps full precision.
 */
import type { Derivation } from './derivation.js';
import { roundNumbersDeep } from './format-number.js';
import type { MatrixView } from './matrix-view.js';

/** JSON-ready data of the derivation and/or the matrix view (numbers rounded as printed). */
export function explanationJson(derivation: Derivation | null, matrix: MatrixView | null = null): unknown {
  return roundNumbersDeep({ ...(derivation ?? {}), ...(matrix === null ? {} : { matrix }) });
}

/** The JSON text (two-space indented, ending in a newline). */
export function explanationJsonText(derivation: Derivation | null, matrix: MatrixView | null = null): string {
  return `${JSON.stringify(explanationJson(derivation, matrix), null, 2)}\n`;
}
