/** A one-line complaint about the network, numbers or options given to `explain` (the CLI prints the message alone). */
export class ExplainInputError extends Error {
  override readonly name = 'ExplainInputError';
}
