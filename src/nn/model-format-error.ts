/** A model file that cannot be used: the message names the field and what is wrong with it. */
export class ModelFormatError extends Error {
  /** JSON path of the offending field, e.g. "layers[1].weights". */
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`invalid model file: ${field} ${problem}`);
    this.name = 'ModelFormatError';
    this.field = field;
  }
}
