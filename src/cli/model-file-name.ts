/**
 * File names for the model files the CLI writes (backprop's JSON format: `train --save`,
 * `import -o`): a name whose extension promises another format (model.onnx, predict.js, rows.csv)
 * is refused before any work, since the file would hold JSON under that name, and ONNX Runtime,
 * Node or a spreadsheet would then fail on it far from here.
 */
import { basename, extname } from 'node:path';
import { shellWord } from '../errors/shell-word.js';
import { UsageError } from './errors.js';

/** Extensions of other formats, and what the file would be taken for. */
const OTHER_FORMATS: Readonly<Record<string, string>> = {
  '.onnx': 'an ONNX file', '.js': 'JavaScript', '.mjs': 'JavaScript', '.cjs': 'JavaScript', '.ts': 'TypeScript', '.mts': 'TypeScript',
  '.csv': 'a CSV file', '.tsv': 'a TSV file', '.png': 'a PNG image', '.svg': 'an SVG image', '.gz': 'gzip',
};

/** Throws a UsageError when `path` (given with `flag`) names another format than a JSON model file, with the name to use and (`exportHint`), for ONNX or code, the export command that writes that format. */
export function refuseOtherFormatName(path: string, flag: string, exportHint = true): void {
  const extension = extname(path).toLowerCase();
  const other = OTHER_FORMATS[extension];
  if (other === undefined) return;
  const json = `${path.slice(0, path.length - extension.length)}.json`;
  const hint = !exportHint ? ''
    : extension === '.onnx' ? `; for ONNX, export the saved model: backprop export ${shellWord(json)} -o ${shellWord(path)}`
    : extension === '.js' || extension === '.mjs' || extension === '.ts' || extension === '.mts' ? `; for a predict module, export the saved model: backprop export ${shellWord(json)} -o ${shellWord(path)}`
    : '';
  throw new UsageError(`${flag} ${path}: a model file is backprop's JSON format, not ${other}: name it ${basename(json)}${hint}`);
}
