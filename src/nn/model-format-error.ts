/** ModelFormatError lives with the other error classes in src/errors; re-exported for the model file format in nn/. */
export { ModelFormatError } from '../errors/model-format-error.js';
