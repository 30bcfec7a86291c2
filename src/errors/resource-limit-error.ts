/**
 * A request larger than the limits allow (memory budget, threads, decompressed size, wait time),
 * refused before anything is allocated. The message gives the size asked for and the limit. Exit code 1.
 */
import { BackpropError } from './backprop-error.js';

export class ResourceLimitError extends BackpropError {
  /** Bytes (or units of `what`) requested, and the limit; undefined when the limit is not a size. */
  readonly requested: number | undefined;
  readonly limit: number | undefined;

  constructor(message: string, sizes: { requested?: number; limit?: number } = {}) {
    super(message, 1);
    this.name = 'ResourceLimitError';
    this.requested = sizes.requested;
    this.limit = sizes.limit;
  }
}
