/** ModelFormatError lives with the model file format in nn/ (Mlp.fromJSON throws it); re-exported here. */
export { ModelFormatError } from '../nn/model-format-error.js';
