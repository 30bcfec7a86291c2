/**
 * File names for model files (backprop's JSON format: `train --save`, `import -o`, the library's
 * saveModel): a name whose extension promises another format (model.onnx, predict.js, rows.csv)
 * is refused before any work, since the file would hold JSON under that name, and ONNX Runtime,
 * Node or a spreadsheet would then fail on it far from here.
 */
import { basename, extname } from 'node:path';
import { UsageError } from '../errors/usage-error.js';

/** Extensions of other formats, and what the file would be taken for. */
const OTHER_FORMATS: Readonly<Record<string, string>> = {
  '.onnx': 'an ONNX file', '.js': 'JavaScript', '.mjs': 'JavaScript', '.cjs': 'JavaScript', '.ts': 'TypeScript', '.mts': 'TypeScript',
  '.csv': 'a CSV file', '.tsv': 'a TSV file', '.png': 'a PNG image', '.svg': 'an SVG image', '.gz': 'gzip',
};

/** What writes the format a refused name promises, for the message's last part ('; for ONNX, ...'); `json` is the name to save under instead. */
export type OtherFormatHint = (json: string, format: 'onnx' | 'code') => string;

/**
 * Throws a UsageError when `path` names another format than a JSON model file: `label` (e.g.
 * "--save model.onnx") starts the line, then the .json name to use and, from `hint`, how to
 * write ONNX or a predict module from the saved model.
 */
export function refuseOtherFormatName(path: string, label: string, hint?: OtherFormatHint): void {
  const extension = extname(path).toLowerCase();
  const other = OTHER_FORMATS[extension];
  if (other === undefined) return;
  const json = `${path.slice(0, path.length - extension.length)}.json`;
  const format = extension === '.onnx' ? 'onnx' : ['.js', '.mjs', '.ts', '.mts'].includes(extension) ? 'code' : undefined;
  const then = hint === undefined || format === undefined ? '' : `; ${hint(json, format)}`;
  throw new UsageError(`${label}: a model file is backprop's JSON format, not ${other}: name it ${basename(json)}${then}`);
}
