/** ModelFormatError lives with the other error classes in src/errors; this file keeps the old import path. */
export { ModelFormatError } from '../errors/model-format-error.js';
