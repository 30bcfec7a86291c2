/** A model file that cannot be used: the message names the file (when known), the field and what is wrong. Exit code 1. */
import { BackpropError } from './backprop-error.js';

export class ModelFormatError extends BackpropError {
  /** JSON path of the offending field, e.g. "layers[1].weights". */
  readonly field: string;
  /** The model file's path, when the error was raised while reading one. */
  readonly file: string | undefined;
  /** What is wrong with the field, without the file and field prefix. */
  readonly problem: string;

  constructor(field: string, problem: string, file?: string) {
    super(file === undefined ? `invalid model file: ${field} ${problem}` : `invalid model file ${file}: ${field} ${problem}`, 1);
    this.name = 'ModelFormatError';
    this.field = field;
    this.file = file;
    this.problem = problem;
  }
}
