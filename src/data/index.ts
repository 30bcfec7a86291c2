/** The data module's browser-safe API: parsers over text and bytes, data sets, transforms, small built-ins. */
export { DataFormatError, formatLocation } from './errors.js';
export type { DataLocation } from './errors.js';
export { CsvRecordReader, parseNumber } from './csv-records.js';
export type { CsvRecordHandler, CsvRecordOptions } from './csv-records.js';
export { createCsvParser, parseCsv } from './csv.js';
export type { CsvOptions, CsvParser } from './csv.js';
export { decodeIdx, encodeIdx, idxImages, idxLabels } from './idx.js';
export type { IdxArray } from './idx.js';
export { createMnistCsvParser, parseMnistCsv } from './mnist-csv.js';
export type { LabelledImages, MnistCsvOptions, MnistCsvParser } from './mnist-csv.js';
export {
  datasetSource,
  inputMatrix,
  inputSize,
  isImageSet,
  oneHot,
  pixelRange,
  sampleCount,
  shuffleDataset,
  splitDataset,
  subset,
  targetMatrix,
  targetSize,
} from './dataset.js';
export type { Dataset, DatasetSplit, ImageSet, OneHotValues, PixelScaling, SourceOptions, SplitOptions, Task } from './dataset.js';
export {
  affine,
  applyPipeline,
  applyTransform,
  fitPipeline,
  fitTransform,
  invertPipeline,
  invertTransform,
  l2Rows,
  minMax,
  standardize,
  transformFromJSON,
} from './transforms.js';
export type { FittedTransform, TransformSpec } from './transforms.js';
export {
  fitPreprocessing,
  pixelScalingOf,
  pixelTransform,
  preparedMatrices,
  preparedSource,
  prepareInputs,
  preprocessingFromJSON,
  restoreTargets,
} from './preprocessing.js';
export type { Preprocessing, PreprocessingSpec } from './preprocessing.js';
export { IRIS_CLASSES, iris, or, workedExample, xor } from './builtin.js';
export { datasetFromRows, prepareRawRows } from './raw-rows.js';
export type { RawCell, RawRecord, RawRow, RawRowsOptions, RowsOptions } from './raw-rows.js';
export { inferTargetTask, MAX_INTEGER_CLASSES } from './task-inference.js';
export type { TargetSummary, TaskDecision } from './task-inference.js';
export { isMissingText, MISSING_TOKENS, readCell } from './cells.js';
export type { CellValue, DecimalMark } from './cells.js';
export { detectDelimiter, DELIMITER_CANDIDATES } from './delimiter.js';
export type { DelimiterGuess } from './delimiter.js';
export { ColumnChoiceError } from './columns.js';
export type { ColumnInfo, ColumnRef } from './columns.js';
export { encodedNames, EncodingError, fitEncoding } from './encoding.js';
export type { EncodedColumn, Encoding, EncodingSpec, UnknownCategoryRule, WarningSink } from './encoding.js';
export { encodingFromJSON } from './encoding-json.js';
export { MAX_CATEGORIES } from './table-builder.js';
export type { MissingPolicy } from './table-builder.js';
export { alignColumns } from './align-columns.js';
export { prepareDatasetInputs, preparedInputSize } from './preprocessing.js';
