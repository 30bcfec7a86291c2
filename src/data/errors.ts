/**
 * The data module's error type, DataFormatError, lives with the other error classes in
 * src/errors; this file keeps the old import path.
 */
export { DataFormatError, formatLocation, type DataLocation } from '../errors/data-format-error.js';
