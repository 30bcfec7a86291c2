/**
 * Refusing to write a command's output over its own input (`export m.json -o m.json` replaced the
 * model with ONNX bytes, `import m.onnx -o m.onnx` the ONNX file with JSON, `train data.csv --save
 * data.csv` the data with a model): the same path, or another name for the same file (a link).
 */
import { statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './errors.js';

/** Whether `a` and `b` name the same file: equal absolute paths, or the same device and inode. */
export function isSameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const x = statOrUndefined(a);
  const y = statOrUndefined(b);
  return x !== undefined && y !== undefined && x.isFile() && x.dev === y.dev && x.ino === y.ino;
}

/** stat, or undefined for a path that cannot be one (missing, a file in the way: ENOTDIR, no permission). */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Throws a UsageError when `output` (given with `flag`) is the input file `input` (`role`: "the model being exported"). */
export function refuseOverwritingInput(output: string, input: string, flag: string, role: string): void {
  if (isSameFile(output, input)) throw new UsageError(`${flag} ${output} is ${role}: writing there would replace it; choose another file`);
}
