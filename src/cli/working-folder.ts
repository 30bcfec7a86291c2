/**
 * The working folder a command runs in. A shell can stay in a folder that was deleted (`cd d;
 * rmdir ../d`); every relative path then fails, and Node's path functions throw ENOENT uv_cwd
 * from deep inside a command ("internal error"). Refused first, with one line.
 */
import { BackpropError } from '../errors/backprop-error.js';

/** Throws (one line) when the current working folder no longer exists. */
export function checkWorkingFolder(): void {
  try {
    process.cwd();
  } catch {
    throw new BackpropError('the current folder no longer exists (it was deleted or moved while the shell was in it): cd to an existing folder and run the command again');
  }
}
