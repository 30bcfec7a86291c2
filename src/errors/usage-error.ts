/** A mistake in what the user asked for: a bad flag or option value, an unknown name. Exit code 2. */
import { BackpropError } from './backprop-error.js';

export class UsageError extends BackpropError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}
