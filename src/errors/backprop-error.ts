/**
 * The root of every error backprop throws on purpose: a problem a person can fix, reported as
 * one line. `exitCode` is what the CLI exits with (1 data or file, 2 usage, 3 divergence).
 */
export class BackpropError extends Error {
  /** The CLI's exit code for this error: 1 a data/file/resource problem, 2 a usage mistake, 3 divergence. */
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message.replace(/\s*\n\s*/g, ' '));
    this.name = 'BackpropError';
    this.exitCode = exitCode;
  }
}
