import { UsageError } from '../errors/usage-error.js';

/** A one-line complaint about the network, numbers or options given to `explain` (the CLI prints the message alone; exit code 2). */
export class ExplainInputError extends UsageError {
  override readonly name = 'ExplainInputError';
}
