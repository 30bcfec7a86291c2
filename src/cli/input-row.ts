/**
 * One raw row typed on the command line (`inspect --input`, `explain --model --inputs`):
 * comma-separated cells in the training columns' order, CSV quoting allowed
 * ('3,"Smith, J",22'); numbers become numbers, everything else stays text (a category, or
 * numeric text the model's reader decides on), an empty cell stays '' (a missing cell).
 */
import { CsvRecordReader } from '../data/csv-records.js';
import { DataFormatError } from '../errors/data-format-error.js';
import { UsageError } from './errors.js';

/** The cells of `text`, given with `flag` (named in the one-line UsageError for no row or more than one line). */
export function inputRowCells(text: string, flag: string): (number | string)[] {
  const records: string[][] = [];
  const reader = new CsvRecordReader((fields) => void records.push(fields.map(String)), { file: flag, delimiter: ',' });
  try {
    reader.push(text);
    reader.end();
  } catch (error) {
    // A quoting slip in what was typed is a usage mistake: the flag and the cell, not "file:1:1".
    if (error instanceof DataFormatError) throw new UsageError(`${flag}: ${error.message.slice(error.message.indexOf(': ') + 2)}${error.column === undefined ? '' : ` (cell ${error.column})`}`);
    throw error;
  }
  if (records.length !== 1) throw new UsageError(`${flag} takes one row of comma-separated cells, got ${records.length === 0 ? 'none' : `${records.length} lines`}`);
  return records[0]!.map((cell) => {
    const value = cell.trim() === '' ? NaN : Number(cell);
    return Number.isFinite(value) ? value : cell;
  });
}
